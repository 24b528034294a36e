// Blocking: key parts and name prefixes, and BlockingIndex against the reference-style oracle
// (key strings in a std::map) on random records and settings.

#include "parity/core/matching/blocking.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers/text_repr.hpp"
#include "matching/matching_oracle.hpp"

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
using parity::test::oracle_customer_keys;
using parity::test::OracleIndex;
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
        const auto expected = oracle_customer_keys(record, config);
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
