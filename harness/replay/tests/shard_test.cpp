#include <catch2/catch.hpp>

#include "parity/replay/shard.hpp"

using parity::replay::Shard;

TEST_CASE("shards partition the requests exactly once") {
    std::string error;
    const auto parsed = Shard::parse("2/3", error);
    REQUIRE(parsed);
    CHECK(parsed->to_string() == "2/3");
    std::array<int, 30> owners{};
    for (std::uint32_t i = 1; i <= 3; ++i) {
        const auto shard = Shard::parse(std::to_string(i) + "/3", error);
        for (std::uint64_t k = 0; k < owners.size(); ++k) owners[k] += shard->owns(k) ? 1 : 0;
    }
    CHECK(std::all_of(owners.begin(), owners.end(), [](int n) { return n == 1; }));
}

TEST_CASE("bad shard specifications are explained") {
    std::string error;
    CHECK_FALSE(Shard::parse("0/3", error));
    CHECK(error == "shard I/N needs 1 <= I <= N, got \"0/3\"");
    CHECK_FALSE(Shard::parse("4/3", error));
    CHECK_FALSE(Shard::parse("a/3", error));
    CHECK(error == "shard must be I/N with whole numbers, e.g. 1/4, got \"a/3\"");
    CHECK_FALSE(Shard::parse("3", error));
}
