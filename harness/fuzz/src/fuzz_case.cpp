#include "parity/fuzz/fuzz_case.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace parity::fuzz {

FuzzCase read_fuzz_case(const std::filesystem::path& path) {
    const std::filesystem::path file = std::filesystem::is_directory(path) ? path / "case.json" : path;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error(file.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
    if (document.is_discarded() || !document.is_object())
        throw std::runtime_error(file.string() + ": malformed JSON");
    if (document.value("format", "") != "parity.fuzz.case" || document.value("format_version", 0) != 1) {
        throw std::runtime_error(file.string() + ": format: expected \"parity.fuzz.case\" version 1");
    }
    try {
        FuzzCase fuzz_case;
        fuzz_case.kernel = document.at("kernel").get<std::string>();
        fuzz_case.id = document.at("id").get<std::string>();
        const auto& divergence = document.at("divergence");
        fuzz_case.divergence =
            Divergence{divergence.at("kind").get<std::string>(), divergence.at("pattern").get<std::string>(),
                       divergence.at("path").get<std::string>()};
        fuzz_case.input_text = document.at("input_text").get<std::string>();
        fuzz_case.input = document.at("input");
        fuzz_case.fixtures = document.at("fixtures").get<std::vector<std::string>>();
        fuzz_case.fixtures_dir = file.parent_path() / "fixtures";
        fuzz_case.reference = document.at("reference");
        fuzz_case.candidate = document.at("candidate");
        return fuzz_case;
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(file.string() + ": " + error.what());
    }
}

std::string worker_line(const FuzzCase& fuzz_case) {
    return request_line(fuzz_case.id, fuzz_case.kernel, fuzz_case.fixtures, fuzz_case.input_text);
}

}  // namespace parity::fuzz
