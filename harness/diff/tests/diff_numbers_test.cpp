#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

std::vector<Difference> strict(const json& reference, const json& candidate) {
    return diff_values(reference, candidate, Rules{});
}

TEST_CASE("integers compare by value whatever their C++ type", "[diff][numbers]") {
    CHECK(strict(json(std::int64_t{5}), json(std::uint64_t{5})).empty());
    CHECK(strict(json(std::uint64_t{5}), json(std::int64_t{5})).empty());
    CHECK(strict(json(std::int64_t{-1}), json(std::uint64_t{std::numeric_limits<std::uint64_t>::max()}))
              .size() == 1);
}

TEST_CASE("huge integers are compared exactly, not through double", "[diff][numbers]") {
    constexpr std::uint64_t uint64_max = std::numeric_limits<std::uint64_t>::max();
    constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
    CHECK(strict(json(uint64_max), json(uint64_max)).empty());
    CHECK(strict(json(int64_min), json(int64_min)).empty());

    const json reference = test::parse("[18446744073709551615, -9223372036854775808, 9007199254740993]");
    const json candidate = test::parse("[18446744073709551614, -9223372036854775807, 9007199254740992]");
    const auto found = strict(reference, candidate);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 3);
    CHECK(found[0].detail == "18446744073709551615 vs 18446744073709551614");
    CHECK(found[1].detail == "-9223372036854775808 vs -9223372036854775807");
    CHECK(found[2].detail == "9007199254740993 vs 9007199254740992");
}

TEST_CASE("doubles beyond 2^53 are compared by their bits", "[diff][numbers]") {
    const json reference = json(9007199254740994.0);
    const json candidate = json(9007199254740996.0);
    const auto found = strict(reference, candidate);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
}

TEST_CASE("NaN equals NaN, whatever its payload", "[diff][numbers]") {
    const double quiet = std::numeric_limits<double>::quiet_NaN();
    const double other = std::nan("0x42");
    const double negative = -quiet;
    CHECK(strict(json(quiet), json(quiet)).empty());
    CHECK(strict(json(quiet), json(other)).empty());
    CHECK(strict(json(quiet), json(negative)).empty());
    const auto found = strict(json(quiet), json(1.0));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].detail == "NaN vs 1.0");
}

TEST_CASE("negative zero differs from 0.0", "[diff][numbers]") {
    const auto found = strict(json::array({-0.0}), json::array({0.0}));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/0");
    CHECK(found[0].detail == "-0.0 vs 0.0");
}

TEST_CASE("infinities equal only themselves", "[diff][numbers]") {
    const double infinity = std::numeric_limits<double>::infinity();
    CHECK(strict(json(infinity), json(infinity)).empty());
    CHECK(strict(json(-infinity), json(-infinity)).empty());
    const auto found = strict(json(infinity), json(-infinity));
    REQUIRE(found.size() == 1);
    CHECK(found[0].detail == "Infinity vs -Infinity");
    CHECK(strict(json(infinity), json(std::numeric_limits<double>::max())).size() == 1);
}

TEST_CASE("1 and 1.0 differ in type, even inside arrays", "[diff][numbers]") {
    const auto found = strict(test::parse("[1, 2.0]"), test::parse("[1.0, 2]"));
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::type);
    CHECK(found[0].pointer == "/0");
    CHECK(found[1].kind == DifferenceKind::type);
    CHECK(found[1].pointer == "/1");
}

}  // namespace
}  // namespace parity::diff
