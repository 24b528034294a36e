// HugePageArena: copies read back as given, each array on a cache line, a large block on a huge
// page boundary, and no more arrays than the room given.

#include "parity/platform/huge_page_arena.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

namespace {

using parity::platform::HugePageArena;

std::uintptr_t address_of(const void* pointer) {
    return reinterpret_cast<std::uintptr_t>(pointer);
}

}  // namespace

TEST_CASE("HugePageArena copies arrays, each on a cache line", "[platform][arena]") {
    const std::vector<std::uint32_t> small{1, 2, 3};
    std::vector<std::int64_t> large(300000);  // 2.4 MB: a block of huge pages
    std::iota(large.begin(), large.end(), -5);
    const std::size_t room = HugePageArena::array_bytes(sizeof(std::uint32_t) * small.size()) +
                             HugePageArena::array_bytes(sizeof(std::int64_t) * large.size());
    HugePageArena arena(room);
    CHECK(arena.advised());
    const std::span<const std::uint32_t> small_copy = arena.copy(std::span<const std::uint32_t>(small));
    const std::span<const std::int64_t> large_copy = arena.copy(std::span<const std::int64_t>(large));
    CHECK(address_of(small_copy.data()) % HugePageArena::huge_page_size == 0);  // the block's start
    CHECK(address_of(large_copy.data()) % HugePageArena::alignment == 0);
    CHECK(std::vector<std::uint32_t>(small_copy.begin(), small_copy.end()) == small);
    CHECK(std::vector<std::int64_t>(large_copy.begin(), large_copy.end()) == large);

    HugePageArena moved = std::move(arena);  // the copies live as long as the block, wherever it is owned
    CHECK(large_copy.back() == large.back());
    CHECK_THROWS_AS(moved.copy(std::span<const std::uint32_t>(small)), std::length_error);
}

TEST_CASE("HugePageArena allocates a small block as any memory", "[platform][arena]") {
    const std::vector<char32_t> text(1000, U'\u611b');
    HugePageArena arena(HugePageArena::array_bytes(sizeof(char32_t) * text.size()));
    CHECK_FALSE(arena.advised());
    const std::span<const char32_t> copy = arena.copy(std::span<const char32_t>(text));
    CHECK(address_of(copy.data()) % HugePageArena::alignment == 0);
    CHECK(std::vector<char32_t>(copy.begin(), copy.end()) == text);
    CHECK(arena.copy(std::span<const char32_t>()).empty());  // an empty array takes no room
    CHECK_THROWS_AS(arena.copy(std::span<const char32_t>(text.data(), 1)), std::length_error);

    HugePageArena empty;
    CHECK(empty.copy(std::span<const char32_t>()).empty());
}
