#include "parity/diff/rules.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "parity/diff/json_pointer.hpp"
#include "rule_validation.hpp"

namespace parity::diff {

std::string_view to_string(UnicodeForm form) noexcept {
    switch (form) {
        case UnicodeForm::nfc:
            return "NFC";
        case UnicodeForm::nfd:
            return "NFD";
        case UnicodeForm::nfkc:
            return "NFKC";
        case UnicodeForm::nfkd:
            return "NFKD";
    }
    return "NFC";
}

Rules::Rules() = default;

Rules::Rules(std::vector<Rule> rules) : rules_(std::move(rules)) {
    constexpr std::string_view source_name = "<rules>";
    patterns_.reserve(rules_.size());
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const Rule& rule = rules_[i];
        try {
            patterns_.push_back(PathPattern::parse(rule.path));
        } catch (const std::invalid_argument& error) {
            throw RulesError(rule_error_prefix(source_name, i, &rule.path) + "invalid path: " + error.what());
        }
        if (const std::optional<std::string> problem = rule_problem(rule)) {
            throw RulesError(rule_error_prefix(source_name, i, &rule.path) + *problem);
        }
    }
}

Settings Rules::settings_for(const PathPattern::State* states) const {
    Settings settings;
    bool ignore_set = false;
    bool null_set = false;
    bool float_set = false;
    bool array_set = false;
    bool unicode_set = false;
    // Last matching rule wins, setting by setting: walk backwards and keep the first of each.
    for (std::size_t i = rules_.size(); i-- > 0;) {
        if (!patterns_[i].accepts(states[i])) {
            continue;
        }
        const Rule& rule = rules_[i];
        if (!ignore_set && rule.ignore) {
            settings.ignore = *rule.ignore;
            ignore_set = true;
        }
        if (!null_set && rule.null_equals_missing) {
            settings.null_equals_missing = *rule.null_equals_missing;
            null_set = true;
        }
        if (!float_set && rule.float_tolerance) {
            settings.float_tolerance = rule.float_tolerance;
            float_set = true;
        }
        if (!array_set && rule.array) {
            settings.array = &*rule.array;
            array_set = true;
        }
        if (!unicode_set && rule.unicode) {
            settings.unicode = rule.unicode;
            unicode_set = true;
        }
    }
    return settings;
}

Settings Rules::settings_at(std::string_view pointer) const {
    const std::vector<std::string> tokens = split_pointer(pointer);
    std::vector<PathPattern::State> states;
    states.reserve(patterns_.size());
    for (const PathPattern& pattern : patterns_) {
        PathPattern::State state = pattern.initial_state();
        for (const std::string& token : tokens) {
            state = pattern.step(state, token);
        }
        states.push_back(state);
    }
    return settings_for(states.data());
}

}  // namespace parity::diff
