#include "parity/replay/report_folder.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "parity/harness/file_text.hpp"

namespace parity::replay {
namespace {

/// Written first into every report folder, so that even a run that died before report.json leaves a
/// folder parity recognises as its own.
constexpr std::string_view marker_name = ".parity-report";
constexpr std::string_view marker_text =
    "This folder holds a report written by parity; `parity replay/merge --out` empties it before "
    "writing a new one.\n";

/// A report folder of parity's: the marker, or (folders written before the marker) a report.json whose
/// tool.name is "parity".
bool holds_parity_report(const std::filesystem::path& folder) {
    if (std::filesystem::exists(folder / marker_name))
        return true;
    const auto text = harness::read_file_text(folder / "report.json");
    if (!text)
        return false;
    const auto report = nlohmann::json::parse(*text, nullptr, false);
    if (!report.is_object() || !report.contains("tool") || !report["tool"].is_object())
        return false;
    const auto& tool = report["tool"];
    return tool.contains("name") && tool["name"] == "parity";
}

[[noreturn]] void refuse(const std::filesystem::path& folder, const std::string& why) {
    throw ReportFolderError(folder.string() + ": " + why);
}

}  // namespace

void prepare_report_folder(const std::filesystem::path& folder, std::string_view command, std::ostream& log) {
    std::error_code error;
    const auto status = std::filesystem::status(folder, error);
    if (std::filesystem::exists(status) && !std::filesystem::is_directory(status))
        refuse(folder, "not a folder: the report goes into a folder (--out DIR)");
    if (std::filesystem::is_directory(status) && !std::filesystem::is_empty(folder, error)) {
        if (!holds_parity_report(folder)) {
            refuse(folder,
                   "not empty and not a previous Parity report: give an empty or new folder (nothing "
                   "in it is removed)");
        }
        log << command << ": " << folder.string() << " holds a previous report: emptying it first\n";
        std::vector<std::filesystem::path> entries;  // listed first: removing while iterating is unspecified
        for (const auto& entry : std::filesystem::directory_iterator(folder, error))
            entries.push_back(entry.path());
        for (const auto& entry : entries) {
            std::filesystem::remove_all(entry, error);
            if (error)
                refuse(entry, "cannot remove a previous report's file: " + error.message());
        }
    }
    std::filesystem::create_directories(folder, error);
    if (error)
        refuse(folder, "cannot create the report folder: " + error.message());
    std::ofstream marker(folder / marker_name, std::ios::binary | std::ios::trunc);
    marker << marker_text;
    if (!marker)
        refuse(folder, "cannot write into the report folder");
}

}  // namespace parity::replay
