#include "summary_comparison.hpp"

#include "parity/bounds/value_summary.hpp"
#include "value_text.hpp"

namespace parity::diff {

std::optional<SummaryComparison> compare_summaries(const nlohmann::json& reference,
                                                   const nlohmann::json& candidate) {
    const auto reference_summary = bounds::read_summary(reference);
    const auto candidate_summary = bounds::read_summary(candidate);
    if (!reference_summary && !candidate_summary) {
        return std::nullopt;
    }
    const bounds::ValueSummary left = reference_summary ? *reference_summary : bounds::summarise(reference);
    const bounds::ValueSummary right = candidate_summary ? *candidate_summary : bounds::summarise(candidate);
    if (bounds::same_value(left, right)) {
        return SummaryComparison{};
    }
    const std::string left_text = reference_summary ? bounds::describe(left) : value_text(reference);
    const std::string right_text = candidate_summary ? bounds::describe(right) : value_text(candidate);
    return SummaryComparison{true, left.type == right.type ? DifferenceKind::value : DifferenceKind::type,
                             left_text + " vs " + right_text + " (compared by summary: length and sha256)"};
}

}  // namespace parity::diff
