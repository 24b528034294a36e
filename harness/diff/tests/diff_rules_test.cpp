#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;
using test::parse;

Rules rules_from(std::string_view text) {
    return Rules::parse(parse(text), "test");
}

TEST_CASE("ignore silences a path and everything below it", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "/*/normalized", "ignore": true}]})");
    const json reference =
        parse(R"([{"id": 1, "normalized": {"a": 1, "b": [1]}}, {"id": 2, "normalized": 5}])");
    const json candidate = parse(R"([{"id": 1, "normalized": {"a": 2, "c": [2]}}, {"id": 3}])");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);  // the missing /1/normalized is ignored too
    CHECK(found[0].pointer == "/1/id");
}

TEST_CASE("ignore with ** below a path", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "/*/normalized/**", "ignore": true}]})");
    CHECK(
        diff_values(parse(R"([{"normalized": {"x": 1}}])"), parse(R"([{"normalized": 7}])"), rules).empty());
}

TEST_CASE("ignore at the root ignores everything", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "", "ignore": true}]})");
    CHECK(diff_values(parse("[1]"), parse(R"({"a": 2})"), rules).empty());
}

TEST_CASE("* matches one level only, ** any number including none", "[diff][rules]") {
    const Rules one = rules_from(R"({"rules": [{"path": "/*/t", "ignore": true}]})");
    const Rules any = rules_from(R"({"rules": [{"path": "/**/t", "ignore": true}]})");
    const json reference = parse(R"({"t": 1, "a": {"t": 1, "b": {"t": 1}}})");
    const json candidate = parse(R"({"t": 2, "a": {"t": 2, "b": {"t": 2}}})");
    const auto found_one = diff_values(reference, candidate, one);
    PARITY_DIFF_CONTEXT(reference, candidate, found_one);
    REQUIRE(found_one.size() == 2);
    CHECK(found_one[0].pointer == "/a/b/t");
    CHECK(found_one[1].pointer == "/t");
    CHECK(diff_values(reference, candidate, any).empty());
}

TEST_CASE("rule paths name keys with ~ and / by their escapes", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "/a~1b/~0c", "ignore": true}]})");
    const json reference = parse(R"({"a/b": {"~c": 1, "d": 1}})");
    const json candidate = parse(R"({"a/b": {"~c": 2, "d": 2}})");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/a~1b/d");
}

TEST_CASE("a literal index in a rule path matches that element only", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "/1", "ignore": true}]})");
    const auto found = diff_values(parse("[1, 2, 3]"), parse("[0, 0, 3]"), rules);
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/0");
}

TEST_CASE("the last matching rule wins in the diff", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [
        {"path": "/*", "ignore": true},
        {"path": "/keep", "ignore": false}
    ]})");
    const json reference = parse(R"({"keep": 1, "drop": 1})");
    const json candidate = parse(R"({"keep": 2, "drop": 2})");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/keep");

    const Rules scores = rules_from(R"({"rules": [
        {"path": "/*/score", "float": {"abs": 0.5}},
        {"path": "/tight/score", "float": {"abs": 1e-9}}
    ]})");
    const auto tolerance =
        diff_values(parse(R"({"loose": {"score": 1.0}, "tight": {"score": 1.0}})"),
                    parse(R"({"loose": {"score": 1.1}, "tight": {"score": 1.1}})"), scores);
    REQUIRE(tolerance.size() == 1);
    CHECK(tolerance[0].kind == DifferenceKind::float_tolerance);
    CHECK(tolerance[0].pointer == "/tight/score");
    CHECK(tolerance[0].detail == "1.0 vs 1.1 (|Δ| = 0.1 > abs 1e-09)");
}

TEST_CASE("float rules: abs, rel and ulps, any of them sufficing", "[diff][rules][numbers]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "/*/score", "float": {"abs": 1e-9}}]})");
    CHECK(diff_values(parse(R"([{"score": 0.9}])"), parse(R"([{"score": 0.9000000001}])"), rules).empty());
    const json reference = parse(R"([{"score": 0.9}])");
    const json candidate = parse(R"([{"score": 0.91}])");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::float_tolerance);
    CHECK(found[0].detail == "0.9 vs 0.91 (|Δ| = 0.01 > abs 1e-09)");

    const Rules rel_or_ulps = rules_from(R"({"rules": [{"path": "", "float": {"rel": 1e-12, "ulps": 4}}]})");
    CHECK(diff_values(json(1e300), json(1e300 * (1 + 1e-13)), rel_or_ulps).empty());
    CHECK(diff_values(json(1.0), json(std::nextafter(std::nextafter(1.0, 2.0), 2.0)), rel_or_ulps).empty());
    const auto far = diff_values(json(1.0), json(1.5), rel_or_ulps);
    REQUIRE(far.size() == 1);
    CHECK(far[0].detail == "1.0 vs 1.5 (|Δ| = 0.5 > rel 1e-12 × 1.5; 2251799813685248 ulps > 4)");
}

TEST_CASE("under a float rule integers and floats compare by value", "[diff][rules][numbers]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "**", "float": {"abs": 0}}]})");
    CHECK(diff_values(parse("[1, 2.0, -0.0]"), parse("[1.0, 2, 0.0]"), rules).empty());
    const auto found = diff_values(parse("[1]"), parse("[1.5]"), rules);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::float_tolerance);
    // Other types are still compared by type.
    const auto typed = diff_values(parse("[true]"), parse("[1]"), rules);
    REQUIRE(typed.size() == 1);
    CHECK(typed[0].kind == DifferenceKind::type);
}

TEST_CASE("under a float rule NaN still differs from every number", "[diff][rules][numbers]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "", "float": {"abs": 1e300}}]})");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(diff_values(json(nan), json(nan), rules).empty());
    const auto found = diff_values(json(nan), json(0.0), rules);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::float_tolerance);
    CHECK(found[0].detail == "NaN vs 0.0 (NaN is within no tolerance of a number)");
    CHECK(diff_values(json(std::numeric_limits<double>::infinity()), json(1.0), rules).size() == 1);
}

TEST_CASE("null_equals_missing: an absent key and a null are equal", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "**", "null_equals_missing": true}]})");
    const json reference = parse(R"({"a": null, "b": 1, "nested": [{"x": null}]})");
    const json candidate = parse(R"({"b": 1, "c": null, "nested": [{}]})");
    CHECK(diff_values(reference, candidate, rules).empty());
    CHECK(diff_values(reference, candidate, Rules{}).size() == 3);

    // Not for a non-null value, nor for array elements.
    const auto found = diff_values(parse(R"({"a": 0})"), parse("{}"), rules);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::missing);
    const auto elements = diff_values(parse("[1, null]"), parse("[1]"), rules);
    REQUIRE(elements.size() == 2);
    CHECK(elements[1].kind == DifferenceKind::missing);
}

TEST_CASE("null_equals_missing applies at the key's own path", "[diff][rules]") {
    const Rules rules = rules_from(R"({"rules": [{"path": "/*/middle_name", "null_equals_missing": true}]})");
    CHECK(diff_values(parse(R"([{"middle_name": null}])"), parse("[{}]"), rules).empty());
    CHECK(diff_values(parse(R"([{"other": null}])"), parse("[{}]"), rules).size() == 1);
}

}  // namespace
}  // namespace parity::diff
