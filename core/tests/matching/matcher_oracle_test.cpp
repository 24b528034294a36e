// The whole matcher against the reference-style oracle on random customer bases, rows and
// settings, with one to three threads: every field of every result, doubles compared with ==.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "helpers/oracle_check.hpp"
#include "helpers/random_records.hpp"
#include "matching/record.hpp"
#include "parity/core/matching/matcher.hpp"
#include "parity/core/oracle/matching.hpp"

namespace {

using parity::core::matching::field_count;
using parity::core::matching::MatchConfig;
using parity::core::matching::Matcher;
using parity::core::matching::MatchResult;
using parity::core::matching::normalize_record;
using parity::core::matching::NormalizedRecord;
using parity::core::matching::RawRecord;
using parity::test::record_repr;
using parity::test::RecordGenerator;

std::string result_repr(const MatchResult& result) {
    std::string repr = "status " + std::to_string(static_cast<int>(result.status)) + ", id " +
                       (result.customer_id ? std::to_string(*result.customer_id) : "None") + ", score " +
                       (result.score ? parity::test::digits17(*result.score) : "None") + ", candidates " +
                       std::to_string(result.candidates) + (result.capped ? " capped" : "") + ", fields [";
    for (std::size_t i = 0; i < field_count; ++i) {
        repr += (result.field_scores[i] ? parity::test::digits17(*result.field_scores[i]) : "None") + " ";
    }
    return repr + "]";
}

bool same(const MatchResult& a, const MatchResult& b) {
    return a.status == b.status && a.customer_id == b.customer_id && a.score == b.score &&
           a.field_scores == b.field_scores && a.normalized == b.normalized && a.candidates == b.candidates &&
           a.capped == b.capped;
}

}  // namespace

TEST_CASE("Matcher gives the oracle's results", "[matching][oracle]") {
    RecordGenerator generate(31337);
    std::size_t mismatches = 0;
    for (int round = 0; round < 40 && mismatches < 5; ++round) {
        const MatchConfig config = round % 4 == 0 ? MatchConfig{} : generate.config();
        std::vector<std::int64_t> ids;
        std::vector<RawRecord> raw_customers;
        std::vector<NormalizedRecord> customers;
        const int customer_count = std::uniform_int_distribution<int>(0, 150)(generate.random());
        for (int i = 0; i < customer_count; ++i) {
            ids.push_back((static_cast<std::int64_t>(i) * 7919) % 10007 -
                          5000);  // distinct, unsorted, some < 0
            raw_customers.push_back(generate.record());
            customers.push_back(normalize_record(raw_customers.back()));
        }
        std::vector<NormalizedRecord> rows;
        const int row_count = std::uniform_int_distribution<int>(0, 40)(generate.random());
        for (int i = 0; i < row_count; ++i) {
            rows.push_back(customers.empty() || i % 4 == 0
                               ? generate.record()
                               : generate.variant(customers[static_cast<std::size_t>(i) % customers.size()]));
        }
        const auto expected = parity::core::oracle::match(ids, customers, rows, config);
        for (const unsigned threads : {1U, 2U, 3U}) {
            const Matcher matcher(ids, raw_customers, config, threads);
            const auto actual = matcher.match_normalized(rows);
            REQUIRE(actual.size() == expected.size());
            for (std::size_t i = 0; i < rows.size() && mismatches < 5; ++i) {
                if (!same(actual[i], expected[i])) {
                    ++mismatches;
                    FAIL_CHECK("row " << i << " " << record_repr(rows[i]) << " with " << threads
                                      << " threads\n  expected " << result_repr(expected[i])
                                      << "\n  actual   " << result_repr(actual[i]));
                }
            }
        }
    }
}
