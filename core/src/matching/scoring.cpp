#include "parity/core/matching/detail/scoring.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "metrics.hpp"

namespace parity::core::matching {
namespace {

using View = std::optional<std::u32string_view>;

// String equality, inline: fields are short and often of one length (dates, phone digits), so a
// call to memcmp costs more than the loop, which mostly stops within the first few code points.
bool same(std::u32string_view a, std::u32string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

std::optional<double> exact(const View& a, const View& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return same(*a, *b) ? 1.0 : 0.0;
}

}  // namespace

double RowScorer::NameField::similarity(std::u32string_view other) {
    // Equal names skip the metric, whose value is exactly 1.0 then: Jaro of a string with itself
    // is (m / la + m / lb + (m - 0) / m) / 3.0 with m = la = lb, that is (1.0 + 1.0 + 1.0) / 3.0,
    // and the Winkler boost adds (p * 0.1) * (1.0 - 1.0) == 0.0.
    if (same(*name_, other)) {
        return 1.0;
    }
    // The pattern is kept from the second use on: most rows compare a name once or twice.
    if (!cached_ && !std::exchange(used_, true)) {
        return metrics::jaro_winkler(*name_, other);
    }
    if (!cached_) {
        cached_.emplace(*name_);
    }
    return cached_->similarity(other);
}

std::optional<double> RowScorer::TextField::similarity(const View& other) {
    if (!text_ || !other) {
        return std::nullopt;
    }
    // Equal texts score exactly 1.0: levenshtein_ratio is 1.0 - 0 / max(la, lb) == 1.0 (1.0 for
    // two empty strings), and no ratio of the form 1.0 - d / t (d, t >= 0) exceeds it.
    if (same(*text_, *other)) {
        return 1.0;
    }
    if (!levenshtein_ && !std::exchange(used_, true)) {
        return std::max(metrics::levenshtein_ratio(*text_, *other), metrics::token_set_ratio(*text_, *other));
    }
    if (!levenshtein_) {
        levenshtein_.emplace(*text_);
        token_set_.emplace(*text_);
    }
    return std::max(levenshtein_->similarity(*other), token_set_->similarity(*other));
}

RowScorer::RowScorer(const FieldViews& row, const MatchConfig& config)
    : row_(row),
      config_(config),
      first_name_(get(row, Field::first_name)),
      last_name_(get(row, Field::last_name)),
      street_(get(row, Field::street)),
      city_(get(row, Field::city)) {}

/// Jaro-Winkler per name; with all four names present and a strictly better crosswise sum, the
/// crosswise scores (the row's first and last names were swapped).
std::pair<std::optional<double>, std::optional<double>> RowScorer::name_scores(const FieldViews& customer) {
    const View& customer_first = get(customer, Field::first_name);
    const View& customer_last = get(customer, Field::last_name);
    if (!first_name_.present() || !last_name_.present() || !customer_first || !customer_last) {
        std::pair<std::optional<double>, std::optional<double>> scores;
        if (first_name_.present() && customer_first) {
            scores.first = first_name_.similarity(*customer_first);
        }
        if (last_name_.present() && customer_last) {
            scores.second = last_name_.similarity(*customer_last);
        }
        return scores;
    }
    const double first = first_name_.similarity(*customer_first);
    const double last = last_name_.similarity(*customer_last);
    // Each score is at most 1.0, so no crosswise sum exceeds 2.0: a straight sum of 2.0 stands.
    constexpr double best_sum = 2.0;
    if (first + last == best_sum) {
        return {first, last};
    }
    const double swapped_first = first_name_.similarity(*customer_last);
    const double swapped_last = last_name_.similarity(*customer_first);
    if (swapped_first + swapped_last > first + last) {
        return {swapped_first, swapped_last};
    }
    return {first, last};
}

CandidateScore RowScorer::score(const FieldViews& customer, std::int64_t customer_id) {
    CandidateScore result;
    result.customer_id = customer_id;
    auto& scores = result.field_scores;
    std::tie(scores[index_of(Field::first_name)], scores[index_of(Field::last_name)]) = name_scores(customer);
    for (const Field field : {Field::email, Field::phone, Field::postcode, Field::birth_date}) {
        scores[index_of(field)] = exact(get(row_, field), get(customer, field));
    }
    scores[index_of(Field::street)] = street_.similarity(get(customer, Field::street));
    scores[index_of(Field::city)] = city_.similarity(get(customer, Field::city));
    // Accumulated in field order, as the reference does: the sums must be equal as doubles.
    double weighted_sum = 0.0;
    double compared_weight = 0.0;
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!scores[i]) {
            continue;
        }
        weighted_sum += config_.weights[i] * *scores[i];
        compared_weight += config_.weights[i];
    }
    result.compared_weight = compared_weight;
    result.score = compared_weight > 0.0 ? weighted_sum / compared_weight : 0.0;
    return result;
}

CandidateScore score_candidate(const NormalizedRecord& row, const NormalizedRecord& customer,
                               std::int64_t customer_id, const MatchConfig& config) {
    return RowScorer(views_of(row), config).score(views_of(customer), customer_id);
}

bool ranks_above(const CandidateScore& a, const CandidateScore& b) {
    if (a.score != b.score) {
        return a.score > b.score;
    }
    if (a.compared_weight != b.compared_weight) {
        return a.compared_weight > b.compared_weight;
    }
    return a.customer_id < b.customer_id;
}

}  // namespace parity::core::matching
