#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "parity/replay/report_folder.hpp"

using parity::replay::prepare_report_folder;
using parity::replay::ReportFolderError;

namespace {

/// An empty folder under the temp dir, removed on destruction.
struct Scratch {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("parity-report-folder-" + std::to_string(::getpid()));
    Scratch() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~Scratch() {
        std::filesystem::remove_all(path);
    }
    void write(const std::string& name, const std::string& text) const {
        std::filesystem::create_directories((path / name).parent_path());
        std::ofstream(path / name, std::ios::binary) << text;
    }
};

}  // namespace

TEST_CASE("a new or empty --out folder is created and marked", "[report_folder]") {
    Scratch scratch;
    std::ostringstream log;
    prepare_report_folder(scratch.path / "new" / "deeper", "parity replay", log);
    CHECK(std::filesystem::exists(scratch.path / "new" / "deeper" / ".parity-report"));
    CHECK(log.str().empty());
}

TEST_CASE("a previous report is emptied, stale repro bundles with it, and the log says so",
          "[report_folder]") {
    Scratch scratch;
    SECTION("marked by an earlier run, even one that died before report.json") {
        scratch.write(".parity-report", "");
    }
    SECTION("written before the marker: its report.json names parity") {
        scratch.write("report.json",
                      R"({"schema_version": 1, "tool": {"name": "parity", "version": "0.1"}})");
    }
    scratch.write("repro/old-request/README.txt", "stale");
    std::ostringstream log;
    prepare_report_folder(scratch.path, "parity replay", log);
    CHECK_FALSE(std::filesystem::exists(scratch.path / "repro"));
    CHECK(std::filesystem::exists(scratch.path / ".parity-report"));
    CHECK(log.str() ==
          "parity replay: " + scratch.path.string() + " holds a previous report: emptying it first\n");
}

TEST_CASE("an --out naming a file or a folder of something else is refused, nothing removed",
          "[report_folder]") {
    Scratch scratch;
    std::ostringstream log;
    scratch.write("notes.txt", "mine");
    CHECK_THROWS_WITH(prepare_report_folder(scratch.path / "notes.txt", "parity replay", log),
                      Catch::StartsWith((scratch.path / "notes.txt").string() + ": not a folder"));
    scratch.write("report.json", R"({"tool": {"name": "other"}})");
    CHECK_THROWS_AS(prepare_report_folder(scratch.path, "parity replay", log), ReportFolderError);
    CHECK_THROWS_WITH(
        prepare_report_folder(scratch.path, "parity replay", log),
        Catch::StartsWith(scratch.path.string() + ": not empty and not a previous Parity report"));
    CHECK(std::filesystem::exists(scratch.path / "notes.txt"));
}
