// CustomerStore: packed customer fields read back as they were given.

#include "parity/core/matching/detail/customer_store.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "helpers/random_records.hpp"

namespace {

using parity::core::matching::CustomerStore;
using parity::core::matching::field_count;
using parity::core::matching::FieldViews;
using parity::core::matching::NormalizedRecord;
using parity::core::matching::views_of;
using parity::platform::HugePageArena;

}  // namespace

TEST_CASE("CustomerStore gives back each customer's fields", "[matching][customer_store]") {
    parity::test::RecordGenerator generate(5);
    std::vector<NormalizedRecord> records;
    NormalizedRecord empty_strings;
    empty_strings[0] = U"";
    empty_strings[7] = U"";
    records.push_back(empty_strings);
    records.push_back(NormalizedRecord{});
    for (int i = 0; i < 500; ++i) {
        records.push_back(generate.record());
    }
    CustomerStore store;
    store.reserve(records.size());
    for (const auto& record : records) {
        store.push_back(record);
    }
    REQUIRE(store.size() == records.size());
    const auto check_fields = [&store, &records] {
        for (std::size_t position = 0; position < records.size(); ++position) {
            store.prefetch_entry(position);
            store.prefetch_fields(position);
            const FieldViews fields = store.fields(position);
            const FieldViews expected = views_of(records[position]);
            for (std::size_t i = 0; i < field_count; ++i) {
                CAPTURE(position, i);
                CHECK(fields[i] == expected[i]);
            }
        }
    };
    check_fields();

    SECTION("and so does a frozen store, which takes no more customers") {
        HugePageArena arena(store.frozen_bytes());
        store.freeze(arena);
        REQUIRE(store.size() == records.size());
        check_fields();
        CHECK_THROWS_AS(store.push_back(records[0]), std::logic_error);
    }
}
