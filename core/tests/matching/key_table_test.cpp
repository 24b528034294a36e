// KeyTable: the blocking index's hash map, against std::unordered_map of the keys' strings.

#include "parity/core/matching/detail/key_table.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "helpers/text_repr.hpp"

namespace {

using parity::core::matching::BlockKey;
using parity::core::matching::compact_key;
using parity::core::matching::hash_compact_key;
using parity::core::matching::KeyKind;
using parity::core::matching::KeyTable;
using parity::platform::HugePageArena;
using parity::test::text_repr;

}  // namespace

TEST_CASE("a key's compact form stands for its string", "[matching][key_table]") {
    const BlockKey names{KeyKind::names, U"ann", U"lee"};
    CHECK(names.text() == U"names:ann|lee");
    CHECK(names.text_size() == 7);
    CHECK(compact_key(names) == std::u32string(1, static_cast<char32_t>(KeyKind::names)) + U"ann|lee");
    CHECK(BlockKey{KeyKind::email, U"a@b", std::nullopt}.text() == U"email:a@b");
    // The same string split differently is the same key, as in the reference's dict.
    CHECK(compact_key({KeyKind::names, U"a|b", U"c"}) == compact_key({KeyKind::names, U"a", U"b|c"}));
    // The same text under two kinds is two keys (their strings differ by the prefix).
    CHECK(compact_key({KeyKind::last_birth, U"lee", U"1984-03-07"}) !=
          compact_key({KeyKind::first_birth, U"lee", U"1984-03-07"}));
    // A one-part key never equals a two-part one of another kind.
    CHECK(compact_key({KeyKind::email, U"ann|lee", std::nullopt}) != compact_key(names));
}

TEST_CASE("KeyTable numbers keys in insertion order and finds them", "[matching][key_table]") {
    KeyTable table;
    CHECK(table.find(compact_key({KeyKind::names, U"ann", U"lee"})) == KeyTable::not_found);
    CHECK(table.insert(compact_key({KeyKind::names, U"ann", U"lee"})) == 0);
    CHECK(table.insert(compact_key({KeyKind::names, U"ann", U"le"})) == 1);
    CHECK(table.insert(compact_key({KeyKind::names, U"ann", U"lee"})) == 0);
    CHECK(table.insert(compact_key({KeyKind::names, U"a", U"nn|lee"})) == 2);  // "names:a|nn|lee"
    CHECK(table.insert(compact_key({KeyKind::names, U"a|nn", U"lee"})) == 2);
    CHECK(table.size() == 3);
    CHECK(table.find(compact_key({KeyKind::names, U"ann", U"le"})) == 1);
    CHECK(table.find(compact_key({KeyKind::last_postcode, U"ann", U"le"})) == KeyTable::not_found);
    CHECK(table.find(std::u32string()) == KeyTable::not_found);
    CHECK(table.insert(std::u32string()) == 3);  // the empty form is a key like any other
    CHECK(table.find(std::u32string()) == 3);
}

TEST_CASE("KeyTable agrees with std::unordered_map on many keys", "[matching][key_table]") {
    // Short keys over a tiny alphabet: many share their first code points, lengths and (in the
    // table's small early sizes) slots, so probing, tags and growth are all exercised.
    std::mt19937 random(20240601);
    const std::u32string alphabet = U"ab|é東😀";
    std::unordered_map<std::u32string, std::uint32_t> expected;
    KeyTable table;
    std::vector<std::u32string> keys;
    for (int i = 0; i < 20000; ++i) {
        std::u32string key;
        const auto length = std::uniform_int_distribution<std::size_t>(0, 9)(random);
        for (std::size_t k = 0; k < length; ++k) {
            key.push_back(
                alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(random)]);
        }
        const auto [entry, added] = expected.emplace(key, static_cast<std::uint32_t>(expected.size()));
        const std::uint32_t id = table.insert(key);
        if (id != entry->second) {
            FAIL("insert(" << text_repr(key) << ") gave " << id << ", expected " << entry->second);
        }
        keys.push_back(key);
    }
    CHECK(table.size() == expected.size());
    for (const auto& key : keys) {
        if (table.find(key) != expected.at(key)) {
            FAIL("find(" << text_repr(key) << ") gave " << table.find(key) << ", expected "
                         << expected.at(key));
        }
        if (table.find(key, hash_compact_key(key)) != expected.at(key)) {
            FAIL("find with hash of " << text_repr(key));
        }
    }
    for (int i = 0; i < 2000; ++i) {
        const std::u32string absent = U"zz" + std::u32string(static_cast<std::size_t>(i % 7), U'a');
        CHECK(table.find(absent) == KeyTable::not_found);
    }
}

TEST_CASE("A frozen KeyTable finds what it found before and takes no more keys", "[matching][key_table]") {
    KeyTable table;
    std::vector<std::u32string> keys;
    for (int i = 0; i < 5000; ++i) {
        keys.push_back(compact_key({KeyKind::names, std::u32string(1, static_cast<char32_t>(U'a' + i % 26)),
                                    std::u32string(static_cast<std::size_t>(i / 26 + 1), U'\u00e9')}));
        REQUIRE(table.insert(keys.back()) == static_cast<std::uint32_t>(i));
    }
    HugePageArena arena(table.frozen_bytes());
    table.freeze(arena);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (table.find(keys[i]) != i) {
            FAIL("frozen find(" << text_repr(keys[i]) << ") gave " << table.find(keys[i]) << ", expected "
                                << i);
        }
    }
    CHECK(table.find(compact_key({KeyKind::names, U"a", U"b"})) == KeyTable::not_found);
    CHECK(table.size() == keys.size());
    CHECK_THROWS_AS(table.insert(U"new"), std::logic_error);
}

TEST_CASE("hash_compact_key depends on every code point and the length", "[matching][key_table]") {
    const std::u32string base = U"\u0002abcdefghij|1984-03-07";
    for (std::size_t i = 0; i < base.size(); ++i) {
        std::u32string changed = base;
        changed[i] ^= 1U;
        CAPTURE(i);
        CHECK(hash_compact_key(changed) != hash_compact_key(base));
    }
    CHECK(hash_compact_key(U"a") != hash_compact_key(std::u32string(U"a\0", 2)));
    CHECK(hash_compact_key(U"") != hash_compact_key(std::u32string(1, U'\0')));
}
