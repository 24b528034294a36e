// The C++ matcher on small hand-made sets: statuses, the weighted mean, caps, tie-breaks, swaps and
// the first-error rule. Values are those the Python reference (importer.matching) gives.

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "helpers/pinned_thread.hpp"
#include "parity/core/matching/matcher.hpp"
#include "parity/platform/cpu_budget.hpp"

namespace {

using parity::core::matching::Field;
using parity::core::matching::field_count;
using parity::core::matching::index_of;
using parity::core::matching::MatchConfig;
using parity::core::matching::Matcher;
using parity::core::matching::MatchResult;
using parity::core::matching::normalize_records;
using parity::core::matching::RawRecord;
using parity::core::matching::RawRecordView;
using parity::core::matching::RecordError;
using parity::core::matching::Status;

struct Fields {
    std::optional<std::u32string> first_name, last_name, email, phone, street, city, postcode, birth_date;

    [[nodiscard]] RawRecord raw() const {
        return {first_name, last_name, email, phone, street, city, postcode, birth_date};
    }
};

const Fields ann{U"Ann",    U"Lee",      U"ann.lee@example.org", U"+44 20 7946 0958", U"10 High Street",
                 U"London", U"SW1A 1AA", U"1984-03-07"};

MatchResult match_one(const std::vector<std::int64_t>& ids, const std::vector<RawRecord>& customers,
                      const RawRecord& row, MatchConfig config = {}) {
    const Matcher matcher(ids, customers, config);
    return matcher.match({row}).at(0);
}

}  // namespace

TEST_CASE("an identical row matches with the full score", "[matching]") {
    const MatchResult result = match_one({10}, {ann.raw()}, ann.raw());
    CHECK(result.status == Status::matched);
    CHECK(result.customer_id == 10);
    CHECK(result.score == 1.0);
    for (std::size_t i = 0; i < field_count; ++i) {
        CAPTURE(i);
        CHECK(result.field_scores[i] == 1.0);
    }
    CHECK(result.normalized[index_of(Field::phone)] == U"079460958");
    CHECK(result.normalized[index_of(Field::birth_date)] == U"1984-03-07");
}

TEST_CASE("the score is the weighted mean of the fields both sides have", "[matching]") {
    Fields row;
    row.first_name = U"Ann";
    row.last_name = U"Lee";
    row.email = U"other@example.org";
    const MatchResult result = match_one({10}, {ann.raw()}, row.raw());
    CHECK(result.score == (1.0 * 1.0 + 1.5 * 1.0 + 3.0 * 0.0) / (1.0 + 1.5 + 3.0));
    CHECK(result.status == Status::new_record);
    CHECK_FALSE(result.customer_id.has_value());
    CHECK_FALSE(result.field_scores[index_of(Field::phone)].has_value());
}

TEST_CASE("swapped first and last names score crosswise", "[matching]") {
    Fields row;
    row.first_name = U"Lee";
    row.last_name = U"Ann";
    row.birth_date = U"07/03/1984";
    const MatchResult result = match_one({10}, {ann.raw()}, row.raw());
    CHECK(result.field_scores[index_of(Field::first_name)] == 1.0);
    CHECK(result.field_scores[index_of(Field::last_name)] == 1.0);
    CHECK(result.customer_id == 10);
}

TEST_CASE("too little compared weight is possible, not matched", "[matching]") {
    Fields row;
    row.last_name = U"Lee";
    row.city = U"london";
    row.postcode = U"sw1a1aa";
    const MatchResult result = match_one({10}, {ann.raw()}, row.raw());
    CHECK(result.score == 1.0);
    CHECK(result.status == Status::possible);
}

TEST_CASE("ties go to more evidence, then the lowest id", "[matching]") {
    Fields sparse;
    sparse.first_name = U"Ann";
    sparse.last_name = U"Lee";
    sparse.email = U"ann.lee@example.org";
    const MatchResult result = match_one({10, 5, 1}, {ann.raw(), ann.raw(), sparse.raw()}, ann.raw());
    CHECK(result.customer_id == 5);
}

TEST_CASE("a block over the cap is skipped and the result says so", "[matching]") {
    Fields person;
    person.first_name = U"Ann";
    person.last_name = U"Lee";
    std::vector<std::int64_t> ids;
    std::vector<RawRecord> crowd;
    for (std::int64_t id = 1; id <= 30; ++id) {
        ids.push_back(id);
        crowd.push_back(person.raw());
    }
    MatchConfig capped_config;
    capped_config.max_block_size = 20;
    const MatchResult capped = match_one(ids, crowd, person.raw(), capped_config);
    CHECK(capped.candidates == 0);
    CHECK(capped.capped);
    MatchConfig uncapped_config;
    uncapped_config.max_block_size = 30;
    const MatchResult uncapped = match_one(ids, crowd, person.raw(), uncapped_config);
    CHECK(uncapped.candidates == 30);
    CHECK_FALSE(uncapped.capped);
    CHECK(uncapped.customer_id == 1);
}

TEST_CASE("candidates stop at max_candidates, keeping key order", "[matching]") {
    Fields person;
    person.first_name = U"Ann";
    person.last_name = U"Lee";
    Fields by_email = person;
    by_email.email = U"ann@x.org";
    std::vector<std::int64_t> ids;
    std::vector<RawRecord> customers;
    for (std::int64_t id = 1; id <= 30; ++id) {
        ids.push_back(id);
        customers.push_back(person.raw());
    }
    ids.push_back(99);
    customers.push_back(by_email.raw());
    MatchConfig config;
    config.max_candidates = 5;
    const MatchResult result = match_one(ids, customers, by_email.raw(), config);
    CHECK(result.candidates == 5);
    CHECK(result.capped);
    CHECK(result.customer_id == 99);
}

TEST_CASE("the first rejected record is reported, whatever the threads", "[matching]") {
    Fields bad;
    bad.birth_date = U"31/02/1990";
    std::vector<RawRecord> rows(200, ann.raw());
    rows[150] = bad.raw();
    rows[170] = bad.raw();
    for (const unsigned threads : {1U, 2U, 4U}) {
        const Matcher matcher({10}, {ann.raw()}, MatchConfig{}, threads);
        CAPTURE(threads);
        try {
            static_cast<void>(matcher.match(rows));
            FAIL("no error raised");
        } catch (const RecordError& error) {
            CHECK(error.index() == 150);
            CHECK(error.field() == Field::birth_date);
        }
    }
}

TEST_CASE("results come back in row order, with or without threads", "[matching]") {
    std::vector<std::int64_t> ids;
    std::vector<RawRecord> customers;
    std::vector<RawRecord> rows;
    for (int i = 0; i < 300; ++i) {
        Fields person = ann;
        person.email = U"ann" + std::u32string(1, static_cast<char32_t>(U'a' + i % 26)) + U"@x.org";
        ids.push_back(1000 - i);
        customers.push_back(person.raw());
        rows.push_back(person.raw());
    }
    const auto single = Matcher(ids, customers, MatchConfig{}, 1).match(rows);
    const auto parallel = Matcher(ids, customers, MatchConfig{}, 2).match(rows);
    REQUIRE(single.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(single[i].customer_id == parallel[i].customer_id);
        CHECK(single[i].score == parallel[i].score);
        CHECK(single[i].candidates == parallel[i].candidates);
    }
}

TEST_CASE("matching into a reused vector gives the same results", "[matching]") {
    Fields other = ann;
    other.email = U"someone@example.org";
    const std::vector<RawRecord> batch{ann.raw(), other.raw(), Fields{}.raw(),
                                       ann.raw(), other.raw(), ann.raw()};
    for (const unsigned threads : {1U, 2U}) {
        CAPTURE(threads);
        const Matcher matcher({10, 11}, {ann.raw(), other.raw()}, MatchConfig{}, threads);
        const std::vector<MatchResult> expected = matcher.match(batch);
        std::vector<MatchResult> results(9);  // longer than the batch, and holding old results
        results[0] = expected[1];
        matcher.prepare(batch.size());
        matcher.match(batch, results);
        REQUIRE(results.size() == batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            CAPTURE(i);
            CHECK(results[i].customer_id == expected[i].customer_id);
            CHECK(results[i].score == expected[i].score);
            CHECK(results[i].normalized == expected[i].normalized);
            CHECK(results[i].candidates == expected[i].candidates);
        }
        // Again into the same results, the rows shifted: each one's strings held another row's.
        const std::vector<RawRecord> shifted(batch.begin() + 2, batch.end());
        const std::vector<MatchResult> expected_shifted = matcher.match(shifted);
        matcher.match(shifted, results);
        REQUIRE(results.size() == shifted.size());
        for (std::size_t i = 0; i < shifted.size(); ++i) {
            CAPTURE(i);
            CHECK(results[i].status == expected_shifted[i].status);
            CHECK(results[i].customer_id == expected_shifted[i].customer_id);
            CHECK(results[i].score == expected_shifted[i].score);
            CHECK(results[i].field_scores == expected_shifted[i].field_scores);
            CHECK(results[i].normalized == expected_shifted[i].normalized);
            CHECK(results[i].candidates == expected_shifted[i].candidates);
            CHECK(results[i].capped == expected_shifted[i].capped);
        }
    }
}

TEST_CASE("a reused result's strings hold no trace of an earlier row or of a rejected batch", "[matching]") {
    // Each field given, but nothing comparable left once normalized: every field is missing.
    const Fields blank{U"  ' ", U"--", U" \u200b ", U"12", U"...", U"\u00a0", U"-", U" "};
    Fields bad = ann;
    bad.birth_date = U"31/02/1990";
    Fields accented = ann;
    accented.first_name = U"Ánn";
    accented.street = U"10 Hígh Street";
    const Matcher matcher({10}, {ann.raw()}, MatchConfig{});
    std::vector<MatchResult> results;
    matcher.match({ann.raw(), accented.raw(), ann.raw()}, results);  // every field's string made
    CHECK_THROWS_AS(matcher.match({ann.raw(), bad.raw(), ann.raw()}, results), RecordError);
    const std::vector<RawRecord> rows{blank.raw(), Fields{}.raw(), accented.raw()};
    matcher.match(rows, results);
    const std::vector<MatchResult> expected = matcher.match(rows);
    REQUIRE(results.size() == rows.size());
    for (std::size_t i = 0; i < field_count; ++i) {
        CAPTURE(i);
        CHECK_FALSE(results[0].normalized[i].has_value());
        CHECK_FALSE(results[1].normalized[i].has_value());
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        CAPTURE(r);
        CHECK(results[r].normalized == expected[r].normalized);
        CHECK(results[r].score == expected[r].score);
        CHECK(results[r].field_scores == expected[r].field_scores);
    }
    CHECK(results[2].normalized[index_of(Field::first_name)] == U"ann");
}

TEST_CASE("rows given as views match as the same rows given as strings", "[matching]") {
    Fields other = ann;
    other.email = U"someone@example.org";
    Fields bad = ann;
    bad.birth_date = U"31/02/1990";
    const std::vector<RawRecord> batch{ann.raw(), other.raw(), Fields{}.raw(), ann.raw(), other.raw(), ann.raw()};
    std::vector<RawRecordView> views;
    for (const RawRecord& row : batch) {
        views.push_back(parity::core::matching::views_of(row));
    }
    for (const unsigned threads : {1U, 2U}) {
        CAPTURE(threads);
        const Matcher matcher({10, 11}, {ann.raw(), other.raw()}, MatchConfig{}, threads);
        const std::vector<MatchResult> expected = matcher.match(batch);
        std::vector<MatchResult> results;
        matcher.match(views, results);
        REQUIRE(results.size() == batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            CAPTURE(i);
            CHECK(results[i].customer_id == expected[i].customer_id);
            CHECK(results[i].score == expected[i].score);
            CHECK(results[i].field_scores == expected[i].field_scores);
            CHECK(results[i].normalized == expected[i].normalized);
            CHECK(results[i].candidates == expected[i].candidates);
        }
        CHECK(normalize_records(views, threads) == normalize_records(batch, threads));

        std::vector<RawRecordView> with_bad = views;
        with_bad[4] = parity::core::matching::views_of(batch[0]);
        const RawRecord bad_raw = bad.raw();
        with_bad[3] = parity::core::matching::views_of(bad_raw);
        try {
            matcher.match(with_bad, results);
            FAIL("no error raised");
        } catch (const RecordError& error) {
            CHECK(error.index() == 3);
            CHECK(error.field() == Field::birth_date);
        }
    }
}

TEST_CASE("duplicate customer ids are rejected", "[matching]") {
    CHECK_THROWS_AS(Matcher({1, 1}, {ann.raw(), ann.raw()}, MatchConfig{}), std::invalid_argument);
}

#if defined(__linux__)
TEST_CASE("threads 0 means one per CPU the process may keep busy", "[matching]") {
    CHECK(Matcher({10}, {ann.raw()}, MatchConfig{}).threads() == parity::platform::usable_cpus());
    const parity::test::PinnedThread pinned;
    CHECK(Matcher({10}, {ann.raw()}, MatchConfig{}).threads() == 1);
    CHECK(Matcher({10}, {ann.raw()}, MatchConfig{}, 3).threads() == 3);  // a count given is kept
}
#endif
