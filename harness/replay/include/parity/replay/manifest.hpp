#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace parity::replay {

/// The corpus folder cannot be used at all (no manifest, wrong format): nothing can be replayed.
class CorpusFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `manifest.json` of a corpus, format version 1 (corpora/README.md).
///
///     const Manifest manifest = Manifest::load("corpora/imports-sample");
///     manifest.reference;  // "importer.adapters:reference"
struct Manifest {
    static constexpr std::string_view file_name = "manifest.json";
    static constexpr std::string_view format = "parity.corpus";
    static constexpr int format_version = 1;

    std::string kernel;
    std::string reference;  // adapter, "module:attribute"
    std::string candidate;
    std::vector<std::string> segments;  // oldest first; "requests.jsonl" last
    std::uint64_t count = 0;
    std::string created;
    std::string updated;
    std::string service_version;
    std::string description;
    nlohmann::json recorder = nlohmann::json::object();  // settings and counters, quoted in reports

    /// Validates and decodes; throws CorpusFormatError naming the offending field.
    static Manifest from_json(const nlohmann::json& document);
    /// Reads `<corpus>/manifest.json`; errors name the file.
    static Manifest load(const std::filesystem::path& corpus);
};

}  // namespace parity::replay
