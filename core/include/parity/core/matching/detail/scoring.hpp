#pragma once

// Scoring one row against its candidates (docs/matching.md section 4).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/core/similarity/jaro.hpp"
#include "parity/core/similarity/levenshtein.hpp"
#include "parity/core/similarity/token_ratio.hpp"

namespace parity::core::matching {

using FieldScores = std::array<std::optional<double>, field_count>;

struct CandidateScore {
    std::int64_t customer_id = 0;
    /// Weighted mean of the compared fields' scores.
    double score = 0.0;
    /// Sum of the weights of the compared fields (present on both sides).
    double compared_weight = 0.0;
    /// Per field, std::nullopt where either side lacks it.
    FieldScores field_scores;
};

/// Scores one row against any number of customers. The row's side of each similarity (bit
/// vectors, token sets) is prepared once, when a metric is needed a second time, instead of once
/// per comparison. The results are those of the plain functions, bit for bit.
///
///     RowScorer scorer(views_of(row), config);
///     CandidateScore scored = scorer.score(views_of(customers[k]), ids[k]);
class RowScorer {
  public:
    /// `config` must outlive the scorer, and so must the strings `row` views.
    RowScorer(const FieldViews& row, const MatchConfig& config);

    /// Per-field similarity and their weighted mean, over the fields present on both sides. Not
    /// const: it may prepare the row's patterns.
    [[nodiscard]] CandidateScore score(const FieldViews& customer, std::int64_t customer_id);

  private:
    using View = std::optional<std::u32string_view>;

    /// A row's name against customers' names: Jaro-Winkler.
    class NameField {
      public:
        explicit NameField(const View& name) : name_(name) {}
        [[nodiscard]] bool present() const {
            return name_.has_value();
        }
        [[nodiscard]] double similarity(std::u32string_view other);

      private:
        View name_;
        bool used_ = false;
        std::optional<CachedJaroWinkler> cached_;
    };

    /// A row's street or city against customers': the better of Levenshtein and token-set ratio.
    class TextField {
      public:
        explicit TextField(const View& text) : text_(text) {}
        [[nodiscard]] std::optional<double> similarity(const View& other);

      private:
        View text_;
        bool used_ = false;
        std::optional<CachedLevenshtein> levenshtein_;
        std::optional<CachedTokenSetRatio> token_set_;
    };

    [[nodiscard]] std::pair<std::optional<double>, std::optional<double>> name_scores(
        const FieldViews& customer);

    FieldViews row_;
    const MatchConfig& config_;
    NameField first_name_;
    NameField last_name_;
    TextField street_;
    TextField city_;
};

/// One row against one customer: RowScorer(views_of(row), config).score(views_of(customer), customer_id).
[[nodiscard]] CandidateScore score_candidate(const NormalizedRecord& row, const NormalizedRecord& customer,
                                             std::int64_t customer_id, const MatchConfig& config);

/// True when `a` ranks above `b`: higher score, then more compared weight, then the lower id.
[[nodiscard]] bool ranks_above(const CandidateScore& a, const CandidateScore& b);

}  // namespace parity::core::matching
