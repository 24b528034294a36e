#pragma once

// Rules loosen the diff's strict defaults at chosen paths (docs/diff-rules.md has the schema):
//
//     Rules rules = Rules::parse(nlohmann::json::parse(R"({"rules": [
//         {"path": "/*/score", "float": {"abs": 1e-9}},
//         {"path": "/*/normalized/**", "ignore": true}
//     ]})"), "rules.json");
//     rules.settings_at("/3/score").float_tolerance->abs == 1e-9
//
// Where several rules match a location, each setting comes from the last matching rule that sets it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/diff/path_pattern.hpp"

namespace parity::diff {

/// A rules document that cannot be used. The message names the source and, where there is one, the
/// rule (1-based) and its path: `rules.json: rule 3 (path "/*/score"): unknown key "tolerence"`.
class RulesError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Numbers are equal when within ANY of the given tolerances.
struct FloatTolerance {
    std::optional<double> abs;          // |a - b| <= abs
    std::optional<double> rel;          // |a - b| <= rel * max(|a|, |b|)
    std::optional<std::uint64_t> ulps;  // at most this many doubles apart
};

enum class ArrayMode {
    ordered,    // element i against element i (the default)
    unordered,  // a multiset: elements matched by equality, wherever they are
    keyed,      // objects matched by the value of ArrayRule::key
};

struct ArrayRule {
    ArrayMode mode = ArrayMode::ordered;
    std::string key;  // only for ArrayMode::keyed
};

enum class UnicodeForm { nfc, nfd, nfkc, nfkd };

/// "NFC", "NFD", "NFKC", "NFKD".
[[nodiscard]] std::string_view to_string(UnicodeForm form) noexcept;

/// One rule as written: a path pattern and the settings it sets (std::nullopt: leaves it alone).
struct Rule {
    std::string path;
    std::optional<bool> ignore;
    std::optional<FloatTolerance> float_tolerance;
    std::optional<ArrayRule> array;
    std::optional<UnicodeForm> unicode;
    std::optional<bool> null_equals_missing;
};

/// The settings in force at one location, after all matching rules.
struct Settings {
    bool ignore = false;
    std::optional<FloatTolerance> float_tolerance;
    const ArrayRule* array = nullptr;  // null: ordered; points into the Rules
    std::optional<UnicodeForm> unicode;
    bool null_equals_missing = false;
};

class Rules {
  public:
    /// Strict defaults: exact equality everywhere.
    Rules();

    /// Rules built in code. RulesError (source "<rules>") for an invalid path, a negative or
    /// non-finite tolerance, an empty keyed_by key, or a rule that sets nothing.
    explicit Rules(std::vector<Rule> rules);

    /// Parses a rules document ({"rules": [...]}); `source_name` starts every error message.
    [[nodiscard]] static Rules parse(const nlohmann::json& document, std::string_view source_name);

    /// Reads and parses a rules file (comments allowed). JSON syntax errors name the file, line and
    /// column: "rules.json:3:14: syntax error ...".
    [[nodiscard]] static Rules load(const std::filesystem::path& file);

    [[nodiscard]] bool empty() const noexcept {
        return rules_.empty();
    }
    [[nodiscard]] const std::vector<Rule>& rules() const noexcept {
        return rules_;
    }
    [[nodiscard]] const std::vector<PathPattern>& patterns() const noexcept {
        return patterns_;
    }

    /// The settings given the matching state of every rule's pattern (states[i] for rule i).
    [[nodiscard]] Settings settings_for(const PathPattern::State* states) const;

    /// The settings at a concrete pointer ("/3/score"); std::invalid_argument for a bad pointer.
    [[nodiscard]] Settings settings_at(std::string_view pointer) const;

  private:
    std::vector<Rule> rules_;
    std::vector<PathPattern> patterns_;  // patterns_[i] is rules_[i].path, parsed
};

}  // namespace parity::diff
