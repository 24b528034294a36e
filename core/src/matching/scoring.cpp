#include "parity/core/matching/scoring.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>

#include "metrics.hpp"

namespace parity::core::matching {
namespace {

using Value = std::optional<std::u32string>;

// Code point equality as bytes: std::u32string's == compares one code point at a time.
bool same(const std::u32string& a, const std::u32string& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(char32_t)) == 0;
}

std::optional<double> exact(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return same(*a, *b) ? 1.0 : 0.0;
}

// Equal strings skip the metric: its value is exactly 1.0 then. Jaro of a string with itself is
// (m / la + m / lb + (m - 0) / m) / 3.0 with m = la = lb, i.e. (1.0 + 1.0 + 1.0) / 3.0 == 1.0, and
// the Winkler boost adds (p * 0.1) * (1.0 - 1.0) == 0.0.
double jaro_winkler_of(const std::u32string& a, const std::u32string& b) {
    return same(a, b) ? 1.0 : metrics::jaro_winkler(a, b);
}

/// Streets and cities: the better of edit-distance and token-set similarity. Equal strings score
/// exactly 1.0: levenshtein_ratio is 1.0 - 0 / max(la, lb) == 1.0 (or 1.0 for two empty strings),
/// and no ratio of the form 1.0 - d / t (d, t >= 0) exceeds it.
std::optional<double> text_score(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    if (same(*a, *b)) {
        return 1.0;
    }
    return std::max(metrics::levenshtein_ratio(*a, *b), metrics::token_set_ratio(*a, *b));
}

std::optional<double> jaro_winkler(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return jaro_winkler_of(*a, *b);
}

/// Jaro-Winkler per name; with all four names present and a strictly better crosswise sum, the
/// crosswise scores (the row's first and last names were swapped).
std::pair<std::optional<double>, std::optional<double>> name_scores(const NormalizedRecord& row,
                                                                    const NormalizedRecord& customer) {
    const Value& row_first = get(row, Field::first_name);
    const Value& row_last = get(row, Field::last_name);
    const Value& customer_first = get(customer, Field::first_name);
    const Value& customer_last = get(customer, Field::last_name);
    if (!row_first || !row_last || !customer_first || !customer_last) {
        return {jaro_winkler(row_first, customer_first), jaro_winkler(row_last, customer_last)};
    }
    const double first = jaro_winkler_of(*row_first, *customer_first);
    const double last = jaro_winkler_of(*row_last, *customer_last);
    // Each score is at most 1.0, so no crosswise sum exceeds 2.0: a straight sum of 2.0 stands.
    constexpr double best_sum = 2.0;
    if (first + last == best_sum) {
        return {first, last};
    }
    const double swapped_first = jaro_winkler_of(*row_first, *customer_last);
    const double swapped_last = jaro_winkler_of(*row_last, *customer_first);
    if (swapped_first + swapped_last > first + last) {
        return {swapped_first, swapped_last};
    }
    return {first, last};
}

}  // namespace

CandidateScore score_candidate(const NormalizedRecord& row, const NormalizedRecord& customer,
                               std::int64_t customer_id, const MatchConfig& config) {
    CandidateScore result;
    result.customer_id = customer_id;
    auto& scores = result.field_scores;
    std::tie(scores[index_of(Field::first_name)], scores[index_of(Field::last_name)]) = name_scores(row, customer);
    for (const Field field : {Field::email, Field::phone, Field::postcode, Field::birth_date}) {
        scores[index_of(field)] = exact(get(row, field), get(customer, field));
    }
    for (const Field field : {Field::street, Field::city}) {
        scores[index_of(field)] = text_score(get(row, field), get(customer, field));
    }
    // Accumulated in field order, as the reference does: the sums must be equal as doubles.
    double weighted_sum = 0.0;
    double compared_weight = 0.0;
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!scores[i]) {
            continue;
        }
        weighted_sum += config.weights[i] * *scores[i];
        compared_weight += config.weights[i];
    }
    result.compared_weight = compared_weight;
    result.score = compared_weight > 0.0 ? weighted_sum / compared_weight : 0.0;
    return result;
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
