#include "parity/replay/recorded_comparison.hpp"

#include <algorithm>

#include "parity/diff/diff.hpp"
#include "parity/replay/manifest.hpp"

namespace parity::replay {
namespace {

/// A dotted pattern's `*`: any key or list index, as a rule path's "*".
constexpr std::string_view any_token = "*";

/// A key as a JSON Pointer token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key) {
    std::string token;
    for (const char c : key) {
        if (c == '~')
            token += "~0";
        else if (c == '/')
            token += "~1";
        else
            token += c;
    }
    return token;
}

std::vector<std::string> split_dotted(const std::string& pattern) {
    std::vector<std::string> tokens;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = pattern.find('.', start);
        tokens.push_back(pattern.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            return tokens;
        start = dot + 1;
    }
}

/// "/a/*/b" from the tokens after "output".
std::string rule_path(const std::vector<std::string>& tokens, std::size_t first) {
    std::string path;
    for (std::size_t i = first; i < tokens.size(); ++i)
        path += "/" + (tokens[i] == any_token ? std::string(any_token) : pointer_token(tokens[i]));
    return path;
}

/// The parts of a recorded error ({type, message}) the tokens after "error" reach.
std::vector<std::string> error_keys(const std::vector<std::string>& tokens, std::size_t first) {
    if (tokens.size() == first || (tokens.size() == first + 1 && tokens[first] == any_token))
        return {"type", "message"};
    if (tokens.size() == first + 1 && (tokens[first] == "type" || tokens[first] == "message"))
        return {tokens[first]};
    return {};
}

std::string what_it_does(const std::string& action) {
    return action == "drop" ? "dropped from the recording" : "replaced by a pseudonym in the recording";
}

RecordedIgnore ignore_for(const std::string& pattern, const std::string& action) {
    RecordedIgnore ignore{pattern, action, {}, {}, false, ""};
    const std::vector<std::string> tokens = split_dotted(pattern);
    if (tokens.size() == 1) {
        // A legacy manifest's bare name: the recorder redacted that key wherever it was.
        ignore.legacy = true;
        ignore.output_paths.push_back("/**/" + pointer_token(pattern));
        if (pattern == "type" || pattern == "message")
            ignore.error_keys.push_back(pattern);
        ignore.reason =
            "a bare field name (legacy manifest): key \"" + pattern + "\" was " + what_it_does(action) +
            " at any depth, so it is ignored anywhere in the recorded outcomes, which may hide real "
            "drift; record with full paths (input.rows.*." +
            pattern + ")";
        return ignore;
    }
    const std::string& root = tokens.front();
    if (root == "output" || root == any_token)
        ignore.output_paths.push_back(rule_path(tokens, 1));
    if (root == "error" || root == any_token)
        ignore.error_keys = error_keys(tokens, 1);
    if (ignore.output_paths.empty() && ignore.error_keys.empty()) {
        ignore.reason =
            "redacts the " + (root == "fixture" ? std::string("fixtures") : root) +
            ", not the recorded outcome: nothing ignored (a value the kernel needs would make both "
            "paths compute something else, and that drift is counted)";
    } else {
        ignore.reason = "the recorded value is " + what_it_does(action) +
                        " and cannot equal the replayed one: ignored when comparing with the recording, "
                        "still compared between reference and candidate";
    }
    return ignore;
}

}  // namespace

std::optional<diff::Outcome> recorded_outcome(const nlohmann::json& request) {
    if (!request.is_object())
        return std::nullopt;
    if (const auto output = request.find("output"); output != request.end())
        return diff::Outcome{false, *output};
    if (const auto error = request.find("error"); error != request.end())
        return diff::Outcome{true, *error};
    return std::nullopt;
}

RecordedComparison::RecordedComparison(const nlohmann::json& recorder, const diff::Rules& rules,
                                       const std::string& manifest) {
    std::vector<diff::Rule> all = rules.rules();
    const auto found = recorder.is_object() ? recorder.find("redaction") : recorder.end();
    if (!recorder.is_object() || found == recorder.end() || found->is_null()) {
        rules_ = rules;
        return;
    }
    const std::string where = manifest + ": recorder.redaction";
    if (!found->is_object())
        throw CorpusFormatError(where + ": expected an object of pattern -> \"drop\" or \"hash\", got " +
                                std::string(found->type_name()));
    for (const auto& [pattern, action] : found->items()) {
        if (!action.is_string() || (action != "drop" && action != "hash")) {
            throw CorpusFormatError(where + "." + pattern + ": unknown action " + action.dump() +
                                    " (known: \"drop\", \"hash\")");
        }
        const auto tokens = split_dotted(pattern);
        if (std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return t.empty(); })) {
            throw CorpusFormatError(where + ": pattern \"" + pattern + "\" has an empty key");
        }
        RecordedIgnore ignore = ignore_for(pattern, action.get<std::string>());
        for (const auto& path : ignore.output_paths)
            all.push_back(diff::Rule{path, true, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
        for (const auto& key : ignore.error_keys)
            (key == "type" ? ignore_error_type_ : ignore_error_message_) = true;
        ignored_.push_back(std::move(ignore));
    }
    rules_ = diff::Rules(std::move(all));
}

std::vector<diff::Difference> RecordedComparison::diff(const diff::Outcome& recorded,
                                                       const diff::Outcome& replayed) const {
    std::vector<diff::Difference> differences = diff::diff_outcomes(recorded, replayed, rules_);
    // Rules do not apply to errors: a redacted part of a recorded error is left out here.
    std::erase_if(differences, [this](const diff::Difference& difference) {
        return (ignore_error_type_ && difference.kind == diff::DifferenceKind::error_type) ||
               (ignore_error_message_ && difference.kind == diff::DifferenceKind::error_message);
    });
    return differences;
}

std::vector<std::string> RecordedComparison::warnings() const {
    std::vector<std::string> warnings;
    for (const auto& ignore : ignored_) {
        if (ignore.legacy)
            warnings.push_back("corpus redaction rule \"" + ignore.redaction + "\": " + ignore.reason);
    }
    return warnings;
}

}  // namespace parity::replay
