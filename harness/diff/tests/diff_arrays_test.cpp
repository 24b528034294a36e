#include <catch2/catch.hpp>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

json rows(std::size_t count) {
    json result = json::array();
    for (std::size_t i = 0; i < count; ++i) {
        result.push_back(
            {{"row", i}, {"score", 0.5 + static_cast<double>(i) / 100.0}, {"name", "n" + std::to_string(i)}});
    }
    return result;
}

Rules array_rule(const json& array) {
    return Rules::parse(json{{"rules", json::array({json{{"path", ""}, {"array", array}}})}}, "test");
}

TEST_CASE("one row dropped at index 7 of 15: array_length and one missing, nothing else", "[diff][arrays]") {
    const json reference = rows(15);
    json candidate = reference;
    candidate.erase(7);
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::array_length);
    CHECK(found[0].pointer == "");
    CHECK(found[0].detail == "15 vs 14 elements");
    CHECK(found[1].kind == DifferenceKind::missing);
    CHECK(found[1].pointer == "/7");
    CHECK(found[1].pattern == "/*");
    CHECK(found[1].reference == reference[7]);
}

TEST_CASE("one row inserted: array_length and one extra at the candidate's index", "[diff][arrays]") {
    const json reference = rows(5);
    json candidate = reference;
    candidate.insert(candidate.begin() + 2, json{{"row", 99}});
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::array_length);
    CHECK(found[0].detail == "5 vs 6 elements");
    CHECK(found[1].kind == DifferenceKind::extra);
    CHECK(found[1].pointer == "/2");
    CHECK(found[1].candidate == json{{"row", 99}});
}

TEST_CASE("a dropped row and a changed row: the change is diffed in place", "[diff][arrays]") {
    const json reference = rows(10);
    json candidate = reference;
    candidate.erase(7);
    candidate[3]["score"] = 0.99;
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 3);
    CHECK(found[0].kind == DifferenceKind::array_length);
    CHECK(found[1].kind == DifferenceKind::value);
    CHECK(found[1].pointer == "/3/score");
    CHECK(found[2].kind == DifferenceKind::missing);
    CHECK(found[2].pointer == "/7");
}

TEST_CASE("two results swapped: one order difference at the array", "[diff][arrays]") {
    const json reference = rows(15);
    json candidate = reference;
    std::swap(candidate[3], candidate[9]);
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::order);
    CHECK(found[0].pointer == "");
    CHECK(found[0].detail == "same 15 elements in a different order; first out of place at /3");
}

TEST_CASE("the same multiset with a duplicate is still an order difference, a different one is not",
          "[diff][arrays]") {
    CHECK(diff_values(test::parse("[1, 1, 2]"), test::parse("[1, 2, 1]"), Rules{})[0].kind ==
          DifferenceKind::order);
    const auto found = diff_values(test::parse("[1, 1, 2]"), test::parse("[2, 1, 3]"), Rules{});
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/0");
    CHECK(found[1].pointer == "/2");
}

TEST_CASE("nested arrays of different lengths report at each level", "[diff][arrays]") {
    const json reference = test::parse(R"({"items": [[1, 2, 3], [4]]})");
    const json candidate = test::parse(R"({"items": [[1, 3], [4]]})");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::array_length);
    CHECK(found[0].pointer == "/items/0");
    CHECK(found[0].pattern == "/items/*");
    CHECK(found[1].kind == DifferenceKind::missing);
    CHECK(found[1].pointer == "/items/0/1");
}

TEST_CASE("unordered arrays are multisets", "[diff][arrays][rules]") {
    const Rules rules = array_rule("unordered");
    CHECK(diff_values(test::parse("[1, 2, 2, 3]"), test::parse("[2, 3, 1, 2]"), rules).empty());

    const json reference = test::parse("[1, 2, 2, 3]");
    const json candidate = test::parse("[3, 2, 4, 1, 5]");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    // The unmatched 2 (reference /2) is paired with the unmatched 4 (candidate /2); 5 is extra.
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/2");
    CHECK(found[0].candidate_pointer == "/2");
    CHECK(found[1].kind == DifferenceKind::extra);
    CHECK(found[1].pointer == "/4");
    CHECK(found[1].candidate == 5);
}

TEST_CASE("unordered arrays report missing and extra elements", "[diff][arrays][rules]") {
    const Rules rules = array_rule("unordered");
    const auto found = diff_values(test::parse("[1, 2, 3]"), test::parse("[3, 1]"), rules);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::missing);
    CHECK(found[0].pointer == "/1");
    const auto extra = diff_values(test::parse("[1]"), test::parse("[7, 1]"), rules);
    REQUIRE(extra.size() == 1);
    CHECK(extra[0].kind == DifferenceKind::extra);
    CHECK(extra[0].pointer == "/0");
}

TEST_CASE("unordered leftovers pair up by equality under the rules", "[diff][arrays][rules]") {
    const Rules rules = Rules::parse(test::parse(R"({"rules": [
        {"path": "", "array": "unordered"},
        {"path": "/*/score", "float": {"abs": 1e-6}}
    ]})"),
                                     "test");
    const json reference =
        test::parse(R"([{"id": 1, "score": 0.1}, {"id": 2, "score": 0.2}, {"id": 3, "score": 0.3}])");
    const json candidate = test::parse(
        R"([{"id": 3, "score": 0.3000000001}, {"id": 2, "score": 0.5}, {"id": 1, "score": 0.1000000001}])");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::float_tolerance);
    CHECK(found[0].pointer == "/1/score");
    CHECK(found[0].candidate_pointer == "/1/score");
}

TEST_CASE("keyed_by matches elements by a field, wherever they are", "[diff][arrays][rules]") {
    const Rules rules = array_rule(json{{"keyed_by", "row"}});
    const json reference =
        test::parse(R"([{"row": 1, "v": "a"}, {"row": 2, "v": "b"}, {"row": 3, "v": "c"}])");
    const json shuffled =
        test::parse(R"([{"row": 3, "v": "c"}, {"row": 1, "v": "a"}, {"row": 2, "v": "b"}])");
    CHECK(diff_values(reference, shuffled, rules).empty());

    const json candidate =
        test::parse(R"([{"row": 4, "v": "d"}, {"row": 3, "v": "C"}, {"row": 1, "v": "a"}])");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 3);
    CHECK(found[0].kind == DifferenceKind::missing);
    CHECK(found[0].pointer == "/1");
    CHECK(found[0].detail == R"(no element with "row" 2 in the candidate)");
    CHECK(found[1].kind == DifferenceKind::value);
    CHECK(found[1].pointer == "/2/v");            // the reference's index...
    CHECK(found[1].candidate_pointer == "/1/v");  // ...and the candidate's
    CHECK(found[1].pattern == "/*/v");
    CHECK(found[2].kind == DifferenceKind::extra);
    CHECK(found[2].pointer == "/0");
    CHECK(found[2].detail == R"(no element with "row" 4 in the reference)");
}

TEST_CASE("keyed_by reports elements it cannot key, without failing", "[diff][arrays][rules]") {
    const Rules rules = array_rule(json{{"keyed_by", "row"}});
    const json reference = test::parse(R"([{"row": 1}, {"v": 2}, {"row": 1, "v": 3}, 7])");
    const json candidate = test::parse(R"([{"row": 1}])");
    const auto found = diff_values(reference, candidate, rules);
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 3);
    CHECK(found[0].kind == DifferenceKind::missing);
    CHECK(found[0].pointer == "/1");
    CHECK(found[0].detail == R"(has no "row" key, so not matched by it (array keyed_by))");
    CHECK(found[1].pointer == "/2");
    CHECK(found[1].detail == R"(duplicate "row" 1 (also at /0), so not matched by it (array keyed_by))");
    CHECK(found[2].pointer == "/3");
    CHECK(found[2].detail == R"(not an object, so not matched by "row" (array keyed_by))");

    // Arrays that are equal are equal, keyable or not.
    CHECK(diff_values(reference, reference, rules).empty());
}

TEST_CASE("an ordered rule restores the default below an unordered one", "[diff][arrays][rules]") {
    const Rules rules = Rules::parse(test::parse(R"({"rules": [
        {"path": "**", "array": "unordered"},
        {"path": "/inner", "array": "ordered"}
    ]})"),
                                     "test");
    CHECK(diff_values(test::parse(R"({"outer": [1, 2], "inner": [1, 2]})"),
                      test::parse(R"({"outer": [2, 1], "inner": [1, 2]})"), rules)
              .empty());
    const auto found =
        diff_values(test::parse(R"({"inner": [1, 2]})"), test::parse(R"({"inner": [2, 1]})"), rules);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::order);
}

}  // namespace
}  // namespace parity::diff
