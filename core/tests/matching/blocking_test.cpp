// Blocking: key parts and name prefixes, and BlockingIndex against the reference-style oracle
// (key strings in a std::map) on random records and settings.

#include "parity/core/matching/detail/blocking.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers/random_records.hpp"
#include "helpers/text_repr.hpp"
#include "parity/core/oracle/matching.hpp"

namespace {

using parity::core::matching::BlockingIndex;
using parity::core::matching::BlockingScratch;
using parity::core::matching::BlockKey;
using parity::core::matching::Candidates;
using parity::core::matching::for_each_key;
using parity::core::matching::key_parts;
using parity::core::matching::MatchConfig;
using parity::core::matching::name_prefix;
using parity::core::matching::NormalizedRecord;
using parity::core::matching::PrefixBuffers;
using parity::core::matching::VisitedSet;
using OracleIndex = parity::core::oracle::BlockingIndex;
using parity::test::record_repr;
using parity::test::RecordGenerator;

std::string positions_repr(const Candidates& candidates) {
    std::string repr = "[";
    for (const auto position : candidates.positions) {
        repr += std::to_string(position) + " ";
    }
    return repr + "] capped=" + (candidates.capped ? "true" : "false");
}

}  // namespace

TEST_CASE("name prefixes drop spaces and stop at the length", "[matching][blocking]") {
    std::u32string buffer;
    CHECK(name_prefix(U"de la cruz", 3, buffer) == U"del");
    CHECK(name_prefix(U"ann", 3, buffer) == U"ann");
    CHECK(name_prefix(U"an", 3, buffer) == U"an");
    CHECK(name_prefix(U"annabel", 1, buffer) == U"a");
    CHECK(name_prefix(U"d e", 5, buffer) == U"de");
    CHECK(name_prefix(U"ann lee", 3, buffer) == U"ann");  // the space comes after the prefix
    CHECK(name_prefix(U" ", 3, buffer) == U"");
}

TEST_CASE("a record's keys are the reference's key strings, in order", "[matching][blocking]") {
    RecordGenerator generate(7);
    PrefixBuffers buffers;
    for (int i = 0; i < 2000; ++i) {
        const NormalizedRecord record = generate.record();
        const MatchConfig config = generate.config();
        std::vector<std::u32string> keys;
        for_each_key(key_parts(record, config, buffers),
                     [&](const BlockKey& key) { keys.push_back(key.text()); });
        const auto expected = parity::core::oracle::customer_keys(record, config);
        if (keys != expected) {
            FAIL("keys differ for " << record_repr(record) << " with name_prefix_length "
                                    << config.name_prefix_length);
        }
    }
}

TEST_CASE("BlockingIndex collects the oracle's candidates", "[matching][blocking]") {
    RecordGenerator generate(20240601);
    for (int round = 0; round < 60; ++round) {
        const MatchConfig config = generate.config();
        std::vector<NormalizedRecord> customers;
        const auto customer_count = std::uniform_int_distribution<int>(0, 120)(generate.random());
        for (int i = 0; i < customer_count; ++i) {
            customers.push_back(generate.record());
        }
        const BlockingIndex index(customers, config);
        const OracleIndex oracle(customers, config);
        BlockingScratch scratch{VisitedSet(customers.size()), {}, {}};
        Candidates actual;
        for (int i = 0; i < 60; ++i) {
            const NormalizedRecord row =
                customers.empty() || i % 3 == 0
                    ? generate.record()
                    : generate.variant(customers[static_cast<std::size_t>(i) % customers.size()]);
            index.candidates(row, scratch, actual);
            const Candidates expected = oracle.candidates(row);
            if (actual.positions != expected.positions || actual.capped != expected.capped) {
                FAIL("candidates differ for "
                     << record_repr(row) << "\n  max_block_size " << config.max_block_size
                     << ", max_candidates " << config.max_candidates << ", name_prefix_length "
                     << config.name_prefix_length << "\n  expected " << positions_repr(expected)
                     << "\n  actual   " << positions_repr(actual));
            }
        }
    }
}

TEST_CASE("VisitedSet finds repeats before and after it starts stamping", "[matching][blocking]") {
    constexpr std::size_t customers = 500;
    VisitedSet visited(customers);
    std::vector<std::uint32_t> collected;
    for (int row = 0; row < 3; ++row) {  // each row starts empty, whatever the last one collected
        CAPTURE(row);
        visited.clear();
        collected.clear();
        const std::size_t count = row == 1 ? VisitedSet::linear_limit - 1 : 3 * VisitedSet::linear_limit;
        for (std::size_t i = 0; i < count; ++i) {
            const auto position = static_cast<std::uint32_t>((7 * i + static_cast<std::size_t>(row)) % customers);
            REQUIRE(visited.insert(position, collected));
            collected.push_back(position);
            for (const std::size_t earlier : {std::size_t{0}, i / 2, i}) {  // every one is a repeat now
                CHECK_FALSE(visited.insert(collected[earlier], collected));
            }
        }
    }
}

TEST_CASE("BlockingIndex collects the oracle's candidates from large blocks", "[matching][blocking]") {
    // Many customers share a last name, and some of them a postcode or birth date too: rows collect
    // more than VisitedSet::linear_limit candidates, and meet the same customers in several blocks.
    std::vector<NormalizedRecord> customers;
    for (int i = 0; i < 150; ++i) {
        NormalizedRecord customer;
        customer[0] = std::u32string(1, static_cast<char32_t>(U'a' + i % 7)) + U"nn";
        customer[1] = U"lee";
        customer[6] = i % 3 == 0 ? U"e1" : U"e2";
        customer[7] = i % 5 == 0 ? U"1990-01-01" : U"1991-02-02";
        customers.push_back(customer);
    }
    for (const std::size_t max_candidates : {std::size_t{10}, std::size_t{40}, std::size_t{200}}) {
        MatchConfig config;
        config.max_candidates = max_candidates;
        const BlockingIndex index(customers, config);
        const OracleIndex oracle(customers, config);
        BlockingScratch scratch{VisitedSet(customers.size()), {}, {}};
        Candidates actual;
        for (std::size_t i = 0; i < customers.size(); i += 11) {
            CAPTURE(max_candidates, i);
            index.candidates(customers[i], scratch, actual);
            const Candidates expected = oracle.candidates(customers[i]);
            CHECK(positions_repr(actual) == positions_repr(expected));
        }
    }
}

TEST_CASE("BlockingIndex::block lists a key's customers in position order", "[matching][blocking]") {
    NormalizedRecord ann;
    ann[0] = U"ann";
    ann[1] = U"lee";
    NormalizedRecord other;
    other[0] = U"bob";
    other[1] = U"lee";
    const BlockingIndex index({ann, other, ann}, MatchConfig{});
    const auto block = index.block({parity::core::matching::KeyKind::names, U"ann", U"lee"});
    CHECK(std::vector<std::uint32_t>(block.begin(), block.end()) == std::vector<std::uint32_t>{0, 2});
    CHECK(index.block({parity::core::matching::KeyKind::names, U"ann", U"le"}).empty());
}
