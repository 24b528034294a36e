#include "parity/diff/diff.hpp"

#include "diff_walker.hpp"
#include "parity/bounds/json_copy.hpp"
#include "value_text.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

std::string error_text(const Outcome& outcome) {
    return "raised " + outcome.error_type() + ": " + value_text(json(outcome.error_message()));
}

Difference outcome_difference(DifferenceKind kind, std::string pointer, json reference, json candidate,
                              std::string detail) {
    std::string candidate_pointer = pointer;
    return Difference{kind,
                      pointer,
                      std::move(pointer),
                      std::move(reference),
                      std::move(candidate),
                      std::move(detail),
                      std::move(candidate_pointer)};
}

}  // namespace

std::vector<Difference> diff_values(const json& reference, const json& candidate, const Rules& rules,
                                    const DiffOptions& options) {
    DiffWalker walker(rules, options.max_differences);
    walker.walk(reference, candidate);
    return walker.take_differences();
}

std::vector<Difference> diff_outcomes(const Outcome& reference, const Outcome& candidate, const Rules& rules,
                                      const DiffOptions& options) {
    if (!reference.is_error && !candidate.is_error) {
        return diff_values(reference.value, candidate.value, rules, options);
    }
    std::vector<Difference> found;
    if (reference.is_error != candidate.is_error) {
        const std::string detail =
            reference.is_error ? error_text(reference) + " vs returned " + value_text(candidate.value)
                               : "returned " + value_text(reference.value) + " vs " + error_text(candidate);
        found.push_back(outcome_difference(DifferenceKind::error_vs_value, "",
                                           bounds::copy_json(reference.value),
                                           bounds::copy_json(candidate.value), detail));
        return found;
    }
    const std::string reference_type = reference.error_type();
    const std::string candidate_type = candidate.error_type();
    if (reference_type != candidate_type) {
        found.push_back(outcome_difference(DifferenceKind::error_type, "/type", reference_type,
                                           candidate_type, reference_type + " vs " + candidate_type));
    }
    const std::string reference_message = reference.error_message();
    const std::string candidate_message = candidate.error_message();
    if (reference_message != candidate_message) {
        found.push_back(outcome_difference(
            DifferenceKind::error_message, "/message", reference_message, candidate_message,
            value_text(json(reference_message)) + " vs " + value_text(json(candidate_message))));
    }
    if (options.max_differences != 0 && found.size() > options.max_differences) {
        found.resize(options.max_differences);
        found.back().detail += "; stopped after " + std::to_string(options.max_differences) + " differences";
    }
    return found;
}

}  // namespace parity::diff
