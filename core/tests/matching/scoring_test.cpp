// RowScorer against the reference-style scoring (naive similarity oracles, no short cuts, no
// caches), bit for bit: each row is scored against a run of customers, so its patterns are built
// part-way through, as in the matcher.

#include "parity/core/matching/detail/scoring.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers/oracle_check.hpp"
#include "helpers/random_records.hpp"
#include "parity/core/oracle/matching.hpp"

namespace {

using parity::core::matching::CandidateScore;
using parity::core::matching::field_count;
using parity::core::matching::field_names;
using parity::core::matching::MatchConfig;
using parity::core::matching::NormalizedRecord;
using parity::core::matching::RowScorer;
using parity::core::matching::views_of;
using parity::test::digits17;
using parity::test::record_repr;
using parity::test::RecordGenerator;

std::string score_repr(const CandidateScore& score) {
    std::string repr =
        "score " + digits17(score.score) + ", weight " + digits17(score.compared_weight) + ", fields [";
    for (std::size_t i = 0; i < field_count; ++i) {
        repr += std::string(field_names[i]) + "=" +
                (score.field_scores[i] ? digits17(*score.field_scores[i]) : "None") +
                (i + 1 < field_count ? " " : "]");
    }
    return repr;
}

bool same_bits(const CandidateScore& a, const CandidateScore& b) {
    return a.customer_id == b.customer_id && a.score == b.score && a.compared_weight == b.compared_weight &&
           a.field_scores == b.field_scores;
}

}  // namespace

TEST_CASE("RowScorer scores as the reference does, bit for bit", "[matching][scoring]") {
    RecordGenerator generate(99);
    const MatchConfig config;
    std::size_t mismatches = 0;
    for (int row_index = 0; row_index < 400 && mismatches < 5; ++row_index) {
        const NormalizedRecord row = generate.record();
        RowScorer scorer(views_of(row), config);
        const int customers = std::uniform_int_distribution<int>(1, 12)(generate.random());
        for (int k = 0; k < customers && mismatches < 5; ++k) {
            const NormalizedRecord customer = k % 2 == 0 ? generate.variant(row) : generate.record();
            const CandidateScore expected = parity::core::oracle::score_candidate(row, customer, k, config);
            const CandidateScore actual = scorer.score(views_of(customer), k);
            if (!same_bits(actual, expected)) {
                ++mismatches;
                FAIL_CHECK("row " << record_repr(row) << "\n  customer " << record_repr(customer)
                                  << " (scored " << k << " before)\n  expected " << score_repr(expected)
                                  << "\n  actual   " << score_repr(actual));
            }
        }
    }
}

TEST_CASE("equal fields score exactly 1.0 without the metrics", "[matching][scoring]") {
    NormalizedRecord row;
    row[0] = U"ann";
    row[1] = U"lee";
    row[4] = U"10 high street";
    row[5] = U"london";
    const CandidateScore scored = score_candidate(row, row, 1, MatchConfig{});
    CHECK(scored.score == 1.0);
    CHECK(scored.compared_weight == 1.0 + 1.5 + 1.0 + 0.5);
    CHECK(scored.field_scores[0] == 1.0);
    CHECK(scored.field_scores[4] == 1.0);
    CHECK_FALSE(scored.field_scores[2].has_value());
}

TEST_CASE("crosswise names win only when strictly better", "[matching][scoring]") {
    NormalizedRecord row;
    row[0] = U"lee";
    row[1] = U"ann";
    NormalizedRecord customer;
    customer[0] = U"ann";
    customer[1] = U"lee";
    const CandidateScore swapped = score_candidate(row, customer, 1, MatchConfig{});
    CHECK(swapped.field_scores[0] == 1.0);
    CHECK(swapped.field_scores[1] == 1.0);
    NormalizedRecord same_names = customer;
    same_names[0] = U"ann";
    same_names[1] = U"ann";
    const CandidateScore tie = score_candidate(same_names, same_names, 1, MatchConfig{});
    CHECK(tie.field_scores[0] == 1.0);
    CHECK(tie.field_scores[1] == 1.0);
}
