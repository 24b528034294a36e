#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "parity/bounds/bound_value.hpp"
#include "parity/bounds/canonical_text.hpp"
#include "parity/bounds/value_summary.hpp"

using nlohmann::json;
using namespace parity::bounds;

namespace {

json nested(int levels, json innermost) {
    json value = std::move(innermost);
    for (int i = 0; i < levels; ++i) {
        json outer = json::array();
        outer.push_back(std::move(value));
        value = std::move(outer);
    }
    return value;
}

}  // namespace

TEST_CASE("a value within the bounds comes back exactly", "[bound]") {
    const json value = json::parse(R"([{"name": "Ann", "score": 0.91, "tags": ["a", "b"]}, null, 3])");
    const Bounded bounded = bound_value(value, ValueBounds{8, 1000});
    CHECK(bounded.value == value);
    CHECK(bounded.depth_hits == 0);
    CHECK(bounded.size_hits == 0);
}

TEST_CASE("an over-long string is summarised at its own place", "[bound]") {
    const std::string huge(100'000, 'x');
    const json value = {{"name", "Ann"}, {"status", huge}};
    const Bounded bounded = bound_value(value, ValueBounds{8, 4096});
    CHECK(bounded.value["name"] == "Ann");
    const auto summary = read_summary(bounded.value["status"]);
    REQUIRE(summary);
    CHECK(summary->bytes == huge.size());
    CHECK(same_value(*summary, summarise(json(huge))));
    CHECK(bounded.size_hits == 1);
    CHECK(canonical_size(bounded.value) <= 4096);
}

TEST_CASE("a subtree deeper than the bound is summarised at the bound, without recursion", "[bound]") {
    const json value = json::array({"top", nested(200'000, "bottom")});
    const Bounded bounded = bound_value(value, ValueBounds{10, 1 << 20});
    CHECK(bounded.depth_hits == 1);
    const json* at = &bounded.value[1];
    for (int depth = 1; depth < 10; ++depth) {
        REQUIRE(at->is_array());
        at = &(*at)[0];
    }
    const auto summary = read_summary(*at);
    REQUIRE(summary);
    CHECK(summary->type == "array");
    CHECK(same_value(*summary, summarise(nested(200'000 - 9, "bottom"))));
}

TEST_CASE("two deep values that differ only at the bottom have different summaries", "[bound]") {
    const ValueBounds bounds{10, 1 << 20};
    const Bounded a = bound_value(nested(50'000, "bottom"), bounds);
    const Bounded b = bound_value(nested(50'000, "bottoM"), bounds);
    CHECK(canonical_text(a.value) != canonical_text(b.value));
}

TEST_CASE("a large array keeps its shape while its members can be summarised", "[bound]") {
    json value = json::array();
    for (int i = 0; i < 8; ++i) {
        value.push_back(std::string(10'000, static_cast<char>('a' + i)));
    }
    const Bounded bounded = bound_value(value, ValueBounds{8, 30'000});
    REQUIRE(bounded.value.is_array());
    REQUIRE(bounded.value.size() == 8);
    CHECK(bounded.value[0] == value[0]);  // kept while the budget lasts
    CHECK(read_summary(bounded.value[7]));
    CHECK(bounded.size_hits >= 1);
    CHECK(canonical_size(bounded.value) <= 30'000);
}

TEST_CASE("a container with too many members to summarise each is summarised whole", "[bound]") {
    json value = json::array();
    for (int i = 0; i < 10'000; ++i) {
        value.push_back(i);
    }
    const Bounded bounded = bound_value(value, ValueBounds{8, 4096});
    const auto summary = read_summary(bounded.value);
    REQUIRE(summary);
    CHECK(summary->type == "array");
    CHECK(summary->bytes == canonical_size(value));
}

TEST_CASE("the rvalue overload moves a value within the bounds", "[bound]") {
    json value = json::array({std::string(1000, 'q')});
    const Bounded bounded = bound_value(std::move(value), ValueBounds{4, 2000});
    CHECK(bounded.value[0].get<std::string>().size() == 1000);
}
