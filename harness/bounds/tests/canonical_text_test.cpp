#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "parity/bounds/canonical_text.hpp"

using nlohmann::json;
using parity::bounds::canonical_size;
using parity::bounds::canonical_text;

TEST_CASE("canonical text is compact, with keys in byte order", "[canonical]") {
    const json value = json::parse(R"({"b": [1, 2.0, -0.0, true, null], "a": {"é": "x", "z": ""}})");
    CHECK(canonical_text(value) == R"({"a":{"z":"","é":"x"},"b":[1,2.0,-0.0,true,null]})");
    CHECK(canonical_size(value) == canonical_text(value).size());
}

TEST_CASE("canonical text names non-finite doubles and escapes only what it must", "[canonical]") {
    const json value = json::array({std::nan(""), std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(), "q\"b\\\n\x01/é"});
    CHECK(canonical_text(value) == "[NaN,Infinity,-Infinity,\"q\\\"b\\\\\\u000a\\u0001/é\"]");
}

TEST_CASE("canonical text tells integers, doubles and null apart", "[canonical]") {
    CHECK(canonical_text(json(1)) != canonical_text(json(1.0)));
    CHECK(canonical_text(json(std::nan(""))) != canonical_text(json(nullptr)));
    CHECK(canonical_text(json(std::uint64_t{5})) == canonical_text(json(std::int64_t{5})));
}

TEST_CASE("canonical text of a value nested 200000 deep, without recursion", "[canonical]") {
    constexpr int levels = 200'000;
    json value = "bottom";
    for (int i = 0; i < levels; ++i) {
        json outer = json::array();
        outer.push_back(std::move(value));
        value = std::move(outer);
    }
    CHECK(canonical_size(value) == 2 * levels + 8);
}
