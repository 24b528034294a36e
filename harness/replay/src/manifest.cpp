#include "parity/replay/manifest.hpp"

#include <regex>

#include "parity/harness/file_text.hpp"
#include "parity/harness/json_input.hpp"

namespace parity::replay {
namespace {

constexpr std::string_view current_segment = "requests.jsonl";

bool is_segment_name(const std::string& name) {
    static const std::regex pattern{R"(requests(\.[0-9]{6})?\.jsonl)"};
    return std::regex_match(name, pattern);
}

std::string required_string(const nlohmann::json& document, const char* key) {
    const auto found = document.find(key);
    if (found == document.end() || !found->is_string() || found->get_ref<const std::string&>().empty()) {
        throw CorpusFormatError(std::string("manifest field '") + key + "' must be a non-empty string");
    }
    return found->get<std::string>();
}

std::string optional_text(const nlohmann::json& document, const char* key) {
    const auto found = document.find(key);
    if (found == document.end() || found->is_null()) {
        return {};
    }
    return found->is_string() ? found->get<std::string>() : found->dump();
}

}  // namespace

Manifest Manifest::from_json(const nlohmann::json& document) {
    if (!document.is_object()) {
        throw CorpusFormatError("manifest is not a JSON object");
    }
    const auto format_field = document.find("format");
    if (format_field == document.end() || *format_field != format) {
        throw CorpusFormatError("manifest format is " +
                                (format_field == document.end() ? "missing" : format_field->dump()) +
                                ", expected \"" + std::string(format) + "\"");
    }
    const auto version = document.find("format_version");
    if (version == document.end() || !version->is_number_integer() || *version != format_version) {
        throw CorpusFormatError("unsupported format_version " +
                                (version == document.end() ? std::string("(missing)") : version->dump()));
    }

    Manifest manifest;
    manifest.kernel = required_string(document, "kernel");
    manifest.reference = required_string(document, "reference");
    manifest.candidate = required_string(document, "candidate");

    const auto segments = document.find("segments");
    if (segments == document.end()) {
        manifest.segments = {std::string(current_segment)};
    } else {
        if (!segments->is_array()) {
            throw CorpusFormatError("manifest segments must be a list of requests[.NNNNNN].jsonl names");
        }
        for (const auto& name : *segments) {
            if (!name.is_string() || !is_segment_name(name.get<std::string>())) {
                throw CorpusFormatError("manifest segments must be requests[.NNNNNN].jsonl names: " +
                                        segments->dump());
            }
            manifest.segments.push_back(name.get<std::string>());
        }
    }

    const auto count = document.find("count");
    if (count != document.end()) {
        if (!count->is_number_unsigned() && !(count->is_number_integer() && count->get<std::int64_t>() >= 0)) {
            throw CorpusFormatError("manifest field 'count' must be a non-negative integer: " + count->dump());
        }
        manifest.count = count->get<std::uint64_t>();
    }
    const auto recorder = document.find("recorder");
    if (recorder != document.end()) {
        if (!recorder->is_object()) {
            throw CorpusFormatError("manifest field 'recorder' must be an object");
        }
        manifest.recorder = *recorder;
    }
    manifest.created = optional_text(document, "created");
    manifest.updated = optional_text(document, "updated");
    manifest.service_version = optional_text(document, "service_version");
    manifest.description = optional_text(document, "description");
    return manifest;
}

Manifest Manifest::load(const std::filesystem::path& corpus) {
    const std::filesystem::path path = corpus / file_name;
    const auto text = harness::read_file_text(path);
    if (!text) {
        if (!std::filesystem::is_directory(corpus)) {
            throw CorpusFormatError(corpus.string() + ": not a corpus folder (no such directory)");
        }
        throw CorpusFormatError(path.string() + ": cannot read manifest");
    }
    nlohmann::json document;
    try {
        // Strict: a number out of range or a key given twice is named, not an internal error.
        document = harness::parse_json_input(*text, path.string());
    } catch (const harness::JsonInputError& error) {
        const std::string where = path.string() + ": ";
        const std::string what = error.what();
        throw CorpusFormatError(
            where + "cannot read manifest: " + (what.starts_with(where) ? what.substr(where.size()) : what));
    }
    try {
        return from_json(document);
    } catch (const CorpusFormatError& error) {
        throw CorpusFormatError(path.string() + ": " + error.what());
    }
}

}  // namespace parity::replay
