#include "parity/replay/corpus_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <utility>

namespace parity::replay {
namespace {

constexpr std::string_view fixtures_folder = "fixtures";
constexpr std::string_view current_segment = "requests.jsonl";
constexpr std::string_view fixture_prefix = "sha256-";
constexpr std::size_t sha256_hex_digits = 64;

/// nlohmann's what() starts with "[json.exception.parse_error.101] "; the reader wants the rest.
std::string parse_error_text(const nlohmann::json::exception& error) {
    const std::string text = error.what();
    const auto end_of_tag = text.find("] ");
    return end_of_tag == std::string::npos ? text : text.substr(end_of_tag + 2);
}

bool is_iso8601_timestamp(const std::string& text) {
    // What Python 3.11's datetime.fromisoformat accepts in practice for recorded timestamps.
    static const std::regex pattern{
        R"(\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}([.,]\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2}(:?\d{2})?)?)?)?)"};
    return std::regex_match(text, pattern);
}

bool is_nonnegative_integer(const nlohmann::json& value) {
    return value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0);
}

std::string json_type_name(const nlohmann::json& value) {
    // Python's names, as python/parity/corpus.py reports them.
    switch (value.type()) {
        case nlohmann::json::value_t::array: return "list";
        case nlohmann::json::value_t::string: return "str";
        case nlohmann::json::value_t::boolean: return "bool";
        case nlohmann::json::value_t::number_float: return "float";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return "int";
        case nlohmann::json::value_t::null: return "NoneType";
        default: return "dict";
    }
}

/// Why a parsed line is not a valid request, or "" if it is.
std::string request_problem(const nlohmann::json& request, const std::string& kernel,
                            const FixtureCatalog& fixtures) {
    if (!request.is_object()) {
        return "request must be a JSON object, got " + json_type_name(request);
    }
    static constexpr std::array required{"id", "ts", "kernel", "fixtures", "input", "duration_ns",
                                         "service_version"};
    std::string missing;
    for (const char* key : required) {
        if (!request.contains(key)) {
            missing += (missing.empty() ? "" : ", ") + std::string(key);
        }
    }
    if (!missing.empty()) {
        return "missing required field(s): " + missing;
    }
    if (request.contains("output") == request.contains("error")) {
        return "request must have exactly one of 'output' and 'error'";
    }
    for (const char* key : {"id", "ts", "kernel", "service_version"}) {
        if (!request[key].is_string()) {
            return "field '" + std::string(key) + "' must be a string";
        }
    }
    if (request["id"].get_ref<const std::string&>().empty()) {
        return "field 'id' must not be empty";
    }
    if (request["kernel"] != kernel) {
        return "kernel " + request["kernel"].dump() + " does not match the manifest's \"" + kernel + "\"";
    }
    if (!is_iso8601_timestamp(request["ts"].get<std::string>())) {
        return "field 'ts' is not an ISO-8601 timestamp: " + request["ts"].dump();
    }
    if (!is_nonnegative_integer(request["duration_ns"])) {
        return "field 'duration_ns' must be a non-negative integer, got " + request["duration_ns"].dump();
    }
    if (request.contains("error")) {
        const auto& error = request["error"];
        if (!error.is_object() || !error.contains("type") || !error["type"].is_string() ||
            !error.contains("message") || !error["message"].is_string()) {
            return "field 'error' must be an object with string 'type' and 'message'";
        }
    }
    const auto& ids = request["fixtures"];
    if (!ids.is_array() || !std::all_of(ids.begin(), ids.end(), [](const auto& id) { return id.is_string(); })) {
        return "field 'fixtures' must be a list of fixture id strings";
    }
    std::string unknown;
    std::string broken;
    for (const auto& id_value : ids) {
        const auto& id = id_value.get_ref<const std::string&>();
        if (const auto problem = fixtures.unusable.find(id); problem != fixtures.unusable.end()) {
            broken += (broken.empty() ? "" : "; ") + id + " (" + problem->second + ")";
        } else if (!fixtures.usable.contains(id)) {
            unknown += (unknown.empty() ? "" : ", ") + id;
        }
    }
    if (!unknown.empty()) {
        return "unknown fixture id(s): " + unknown;
    }
    if (!broken.empty()) {
        return "unusable fixture(s): " + broken;
    }
    return {};
}

/// Length of the UTF-8 sequence starting with `lead`, or 0 if it cannot start one.
std::size_t sequence_length(unsigned char lead) noexcept {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

}  // namespace

std::string CorpusLineError::to_string() const {
    return file + ":" + std::to_string(line) + ": " + message;
}

bool is_fixture_id(std::string_view text) noexcept {
    if (text.size() != fixture_prefix.size() + sha256_hex_digits || !text.starts_with(fixture_prefix)) {
        return false;
    }
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(fixture_prefix.size()), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

FixtureCatalog FixtureCatalog::scan(const std::filesystem::path& corpus) {
    FixtureCatalog catalog;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(corpus / fixtures_folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".json") && is_fixture_id(name.substr(0, name.size() - 5))) {
            catalog.usable.insert(name.substr(0, name.size() - 5));
        }
    }
    return catalog;  // no fixtures folder: no fixtures, which is fine for kernels without any
}

void FixtureCatalog::mark_unusable(const std::string& id, std::string problem) {
    usable.erase(id);
    unusable[id] = std::move(problem);
}

std::string utf8_problem(std::string_view text) {
    // The same positions and reasons as Python's UnicodeDecodeError, which the Python reader reports.
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(lead);
        if (length == 0) {
            return "invalid UTF-8 at byte " + std::to_string(i) + ": invalid start byte";
        }
        for (std::size_t k = 1; k < length; ++k) {
            if (i + k >= text.size()) {
                return "invalid UTF-8 at byte " + std::to_string(i) + ": unexpected end of data";
            }
            const unsigned char next = bytes[i + k];
            // Second-byte limits exclude overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
            const unsigned char low = (k == 1 && lead == 0xE0) ? 0xA0 : (k == 1 && lead == 0xF0) ? 0x90 : 0x80;
            const unsigned char high = (k == 1 && lead == 0xED) ? 0x9F : (k == 1 && lead == 0xF4) ? 0x8F : 0xBF;
            if (next < low || next > high) {
                return "invalid UTF-8 at byte " + std::to_string(i) + ": invalid continuation byte";
            }
        }
        i += length;
    }
    return {};
}

CorpusReader::CorpusReader(std::filesystem::path corpus, Manifest manifest, FixtureCatalog fixtures)
    : corpus_(std::move(corpus)), manifest_(std::move(manifest)), fixtures_(std::move(fixtures)) {}

bool CorpusReader::open_next_segment() {
    while (segment_index_ < manifest_.segments.size()) {
        segment_name_ = manifest_.segments[segment_index_++];
        line_number_ = 0;
        segment_ = std::ifstream(corpus_ / segment_name_, std::ios::binary);
        if (segment_ && !std::filesystem::is_directory(corpus_ / segment_name_)) {
            return true;
        }
        // Not a skipped line: a whole segment's requests are missing, which makes the corpus incomplete.
        const std::string listed = ": segment listed in " + std::string(Manifest::file_name);
        if (!std::filesystem::exists(corpus_ / segment_name_)) {
            if (segment_name_ != current_segment) {  // right after a rotation it may not exist yet
                segment_problems_.push_back(segment_name_ + listed + " is missing");
            }
        } else {
            segment_problems_.push_back(segment_name_ + listed + " cannot be read");
        }
        segment_.close();
    }
    return false;
}

std::optional<CorpusEntry> CorpusReader::next() {
    std::string line;
    while (true) {
        if (!segment_.is_open() || !segment_) {
            segment_.close();
            if (!open_next_segment()) {
                read_to_end_ = true;
                return std::nullopt;
            }
        }
        if (!std::getline(segment_, line)) {
            segment_.close();
            continue;
        }
        ++line_number_;
        const bool truncated = segment_.eof();  // getline hit the end before a '\n'
        if (std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; })) {
            continue;
        }
        tally_.add_line();
        CorpusEntry entry = parse(line, truncated);
        if (const auto* request = std::get_if<CorpusRequest>(&entry)) {
            tally_.add_request(request->id, request->file, request->line_number);
        }
        return entry;
    }
}

std::vector<std::string> CorpusReader::problems() const {
    std::vector<std::string> problems = segment_problems_;
    for (auto& problem : tally_.problems(manifest_.count, read_to_end_)) {
        problems.push_back(std::move(problem));
    }
    return problems;
}

std::vector<std::string> places_of_request(const std::filesystem::path& corpus, const Manifest& manifest,
                                           const std::string& id) {
    CorpusReader reader(corpus, manifest, FixtureCatalog::scan(corpus));
    std::vector<std::string> places;
    while (auto entry = reader.next()) {
        if (const auto* request = std::get_if<CorpusRequest>(&*entry); request && request->id == id) {
            places.push_back(request->place());
        }
    }
    return places;
}

CorpusEntry CorpusReader::parse(const std::string& line, bool truncated) const {
    if (std::string problem = utf8_problem(line); !problem.empty()) {
        return CorpusLineError{segment_name_, line_number_, std::move(problem)};
    }
    nlohmann::json request;
    try {
        request = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& error) {
        const char* prefix = truncated ? "truncated last line (no newline at end of file)" : "malformed JSON";
        return CorpusLineError{segment_name_, line_number_, std::string(prefix) + ": " + parse_error_text(error)};
    } catch (const nlohmann::json::out_of_range& error) {  // a number too large for a double: 1e999
        return CorpusLineError{segment_name_, line_number_,
                               "number out of range: " + parse_error_text(error)};
    }
    if (std::string problem = request_problem(request, manifest_.kernel, fixtures_); !problem.empty()) {
        return CorpusLineError{segment_name_, line_number_, std::move(problem)};
    }
    CorpusRequest result;
    result.id = request["id"].get<std::string>();
    result.line = line;
    for (const auto& id : request["fixtures"]) {
        result.fixtures.push_back(id.get<std::string>());
    }
    result.file = segment_name_;
    result.line_number = line_number_;
    return result;
}

}  // namespace parity::replay
