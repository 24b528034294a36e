// Rules::parse and Rules::load: the rules file format (docs/diff-rules.md) into Rule values, with
// error messages that point at the rule and the key at fault.

#include <array>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <utility>

#include "parity/diff/rules.hpp"
#include "rule_validation.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 2> top_level_keys = {"rules", "description"};
constexpr std::array<std::string_view, 7> rule_keys = {
    "path", "description", "ignore", "float", "array", "unicode", "null_equals_missing"};
constexpr std::array<std::string_view, 3> float_keys = {"abs", "rel", "ulps"};

std::string json_quoted(std::string_view text) {
    return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

template <std::size_t N>
bool is_one_of(std::string_view key, const std::array<std::string_view, N>& known) {
    for (const std::string_view name : known) {
        if (name == key) {
            return true;
        }
    }
    return false;
}

/// Parses one rule; throws RulesError with the rule's prefix.
class RuleParser {
  public:
    RuleParser(std::string_view source_name, std::size_t index) : source_name_(source_name), index_(index) {}

    Rule parse(const json& entry) {
        if (!entry.is_object()) {
            fail("must be an object");
        }
        const auto path = entry.find("path");
        if (path == entry.end()) {
            fail("\"path\" is required (\"\" is the root)");
        }
        if (!path->is_string()) {
            fail("\"path\" must be a string");
        }
        rule_.path = path->get<std::string>();
        has_path_ = true;
        try {
            (void)PathPattern::parse(rule_.path);
        } catch (const std::invalid_argument& error) {
            fail(std::string("invalid path: ") + error.what());
        }
        for (const auto& [key, value] : entry.items()) {
            if (!is_one_of(key, rule_keys)) {
                fail("unknown key " + json_quoted(key));
            }
            parse_setting(key, value);
        }
        if (const std::optional<std::string> problem = rule_problem(rule_)) {
            fail(*problem);
        }
        return std::move(rule_);
    }

  private:
    [[noreturn]] void fail(const std::string& message) const {
        throw RulesError(rule_error_prefix(source_name_, index_, has_path_ ? &rule_.path : nullptr) +
                         message);
    }

    void parse_setting(const std::string& key, const json& value) {
        if (key == "ignore" || key == "null_equals_missing") {
            if (!value.is_boolean()) {
                fail(json_quoted(key) + " must be true or false");
            }
            (key == "ignore" ? rule_.ignore : rule_.null_equals_missing) = value.get<bool>();
        } else if (key == "float") {
            rule_.float_tolerance = parse_float(value);
        } else if (key == "array") {
            rule_.array = parse_array(value);
        } else if (key == "unicode") {
            rule_.unicode = parse_unicode(value);
        } else if (key == "description" && !value.is_string()) {
            fail("\"description\" must be a string");
        }
    }

    FloatTolerance parse_float(const json& value) const {
        if (!value.is_object()) {
            fail("\"float\" must be an object such as {\"abs\": 1e-9}");
        }
        FloatTolerance tolerance;
        for (const auto& [key, bound] : value.items()) {
            if (!is_one_of(key, float_keys)) {
                fail("unknown key " + json_quoted("float." + key) +
                     " (expected \"abs\", \"rel\" or \"ulps\")");
            }
            if (key == "ulps") {
                if (!bound.is_number_unsigned() &&
                    !(bound.is_number_integer() && bound.get<std::int64_t>() >= 0)) {
                    fail("\"float.ulps\" must be a non-negative integer");
                }
                tolerance.ulps = bound.get<std::uint64_t>();
                continue;
            }
            if (!bound.is_number() || !std::isfinite(bound.get<double>()) || bound.get<double>() < 0.0) {
                fail(json_quoted("float." + key) + " must be a non-negative number");
            }
            (key == "abs" ? tolerance.abs : tolerance.rel) = bound.get<double>();
        }
        return tolerance;
    }

    ArrayRule parse_array(const json& value) const {
        constexpr std::string_view expected =
            "\"array\" must be \"ordered\", \"unordered\" or {\"keyed_by\": \"<field>\"}";
        if (value.is_string()) {
            const auto mode = value.get<std::string>();
            if (mode == "ordered") {
                return ArrayRule{ArrayMode::ordered, {}};
            }
            if (mode == "unordered") {
                return ArrayRule{ArrayMode::unordered, {}};
            }
            fail(std::string(expected) + ", not " + json_quoted(mode));
        }
        if (!value.is_object()) {
            fail(std::string(expected));
        }
        for (const auto& [key, field] : value.items()) {
            if (key != "keyed_by") {
                fail("unknown key " + json_quoted("array." + key) + " (expected \"keyed_by\")");
            }
        }
        const auto key = value.find("keyed_by");
        if (key == value.end() || !key->is_string() || key->get<std::string>().empty()) {
            fail("\"array.keyed_by\" must be a non-empty string");
        }
        return ArrayRule{ArrayMode::keyed, key->get<std::string>()};
    }

    UnicodeForm parse_unicode(const json& value) const {
        constexpr std::array<UnicodeForm, 4> forms = {UnicodeForm::nfc, UnicodeForm::nfd, UnicodeForm::nfkc,
                                                      UnicodeForm::nfkd};
        if (value.is_string()) {
            for (const UnicodeForm form : forms) {
                if (value.get<std::string>() == to_string(form)) {
                    return form;
                }
            }
        }
        fail("\"unicode\" must be \"NFC\", \"NFD\", \"NFKC\" or \"NFKD\", not " +
             value.dump(-1, ' ', false, json::error_handler_t::replace));
    }

    std::string_view source_name_;
    std::size_t index_;
    Rule rule_;
    bool has_path_ = false;
};

/// Line and column (1-based, columns in bytes) of the byte at `offset` (0-based) of `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {line, offset - line_start + 1};
}

/// nlohmann's parse error message without its "[json.exception...] parse error at ...: " preamble,
/// which repeats what the file:line:column prefix says.
std::string syntax_error_text(const std::string& what) {
    constexpr std::string_view marker = ": syntax error";
    const std::size_t found = what.find(marker);
    return found == std::string::npos ? what : what.substr(found + 2);
}

}  // namespace

Rules Rules::parse(const nlohmann::json& document, std::string_view source_name) {
    const std::string source(source_name);
    if (!document.is_object()) {
        throw RulesError(source + ": a rules document is an object: {\"rules\": [...]}");
    }
    for (const auto& [key, value] : document.items()) {
        if (!is_one_of(key, top_level_keys)) {
            throw RulesError(source + ": unknown top-level key " + json_quoted(key) +
                             " (expected \"rules\" or \"description\")");
        }
    }
    const auto rules = document.find("rules");
    if (rules == document.end() || !rules->is_array()) {
        throw RulesError(source + ": \"rules\" must be an array of rules");
    }
    std::vector<Rule> parsed;
    parsed.reserve(rules->size());
    for (std::size_t i = 0; i < rules->size(); ++i) {
        parsed.push_back(RuleParser(source_name, i).parse((*rules)[i]));
    }
    return Rules(std::move(parsed));
}

Rules Rules::load(const std::filesystem::path& file) {
    const std::string source = file.string();
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        throw RulesError(source + ": cannot open the rules file");
    }
    std::ostringstream contents;
    contents << stream.rdbuf();
    if (stream.bad()) {
        throw RulesError(source + ": cannot read the rules file");
    }
    const std::string text = contents.str();
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const nlohmann::json::parse_error& error) {
        // error.byte is 1-based: the byte the parser stopped at.
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        const auto [line, column] = line_and_column(text, offset);
        throw RulesError(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                         syntax_error_text(error.what()));
    } catch (const nlohmann::json::out_of_range& error) {
        // 406, a number nlohmann cannot hold (1e999): an input error, with nlohmann's words.
        const std::string what = error.what();
        throw RulesError(source + ": " + what.substr(what.find("] ") + 2));  // without "[json.exception…] "
    }
    return parse(document, source);
}

}  // namespace parity::diff
