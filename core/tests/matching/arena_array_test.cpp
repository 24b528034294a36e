// ArenaArray: the same items through data() and size() before and after moving into an arena.

#include "parity/core/matching/detail/arena_array.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using parity::core::matching::ArenaArray;
using parity::platform::HugePageArena;

TEST_CASE("ArenaArray reads the same items built and frozen", "[matching][arena]") {
    ArenaArray<std::vector<int>> numbers(std::vector<int>{1, 2});
    ArenaArray<std::u32string> text;
    numbers.building().push_back(3);
    text.building() = U"a\u00e9\u611b";
    const int* built = numbers.data();
    CHECK_FALSE(numbers.frozen());
    CHECK(numbers.size() == 3);
    CHECK(std::vector<int>(built, built + 3) == std::vector<int>{1, 2, 3});

    HugePageArena arena(numbers.frozen_bytes() + text.frozen_bytes());
    numbers.freeze(arena);
    text.freeze(arena);
    CHECK(numbers.frozen());
    CHECK(numbers.building().empty());  // the container is released
    CHECK(numbers.data() != built);
    CHECK(std::vector<int>(numbers.data(), numbers.data() + numbers.size()) == std::vector<int>{1, 2, 3});
    CHECK(std::u32string(text.data(), text.size()) == U"a\u00e9\u611b");
    numbers.freeze(arena);  // again: nothing more taken from the arena (it has no room left)
    CHECK(numbers.size() == 3);
}
