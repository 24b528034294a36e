#include "fixture_loader.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>

#include <pybind11/pybind11.h>

#include "python_error.hpp"

namespace parity::workers {
namespace {

namespace py = pybind11;

constexpr std::string_view fixture_id_prefix = "sha256-";
constexpr std::string_view fixtures_folder = "fixtures/";  // how messages name a file, as the corpus does

bool is_fixture_file_name(const std::string& name) {
    static const std::regex pattern("sha256-[0-9a-f]{64}\\.json");
    return std::regex_match(name, pattern);
}

std::optional<std::string> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return std::nullopt;
    }
    return bytes;
}

/// Why json.loads refused the bytes: "malformed JSON: line 1 column 7: Expecting value".
std::string decode_problem(const py::error_already_set& error) {
    const py::object decode_error = py::module_::import("json").attr("JSONDecodeError");
    if (error.matches(decode_error)) {
        const py::object value = error.value();
        return "malformed JSON: line " + py::str(value.attr("lineno")).cast<std::string>() + " column " +
               py::str(value.attr("colno")).cast<std::string>() + ": " +
               py::str(value.attr("msg")).cast<std::string>();
    }
    if (error.matches(PyExc_UnicodeDecodeError)) {
        return "not valid UTF-8: " + describe(error).message;
    }
    return "cannot be decoded: " + one_line(describe(error));
}

}  // namespace

LoadedFixtures load_fixtures(const std::filesystem::path& directory) {
    LoadedFixtures loaded;
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
        return loaded;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.is_regular_file(error) && is_fixture_file_name(entry.path().filename().string())) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());

    const py::object sha256 = py::module_::import("hashlib").attr("sha256");
    const py::object loads = py::module_::import("json").attr("loads");
    for (const auto& file : files) {
        const std::string id = file.stem().string();
        const std::string shown = std::string(fixtures_folder) + file.filename().string();
        const auto bytes = read_bytes(file);
        if (!bytes) {
            loaded.problems.push_back({id, shown + ": cannot be read"});
            continue;
        }
        const py::bytes content(*bytes);
        const std::string actual =
            std::string(fixture_id_prefix) + sha256(content).attr("hexdigest")().cast<std::string>();
        if (actual != id) {
            loaded.problems.push_back({id, shown + ": content hash is " + actual});
            continue;
        }
        try {
            loaded.fixtures[py::str(id)] = loads(content);
        } catch (const py::error_already_set& decode_error) {
            loaded.problems.push_back({id, shown + ": " + decode_problem(decode_error)});
        }
    }
    return loaded;
}

}  // namespace parity::workers
