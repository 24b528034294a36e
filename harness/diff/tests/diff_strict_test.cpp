#include <catch2/catch.hpp>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;
using test::parse;

TEST_CASE("equal documents have no differences, whatever the key order", "[diff][strict]") {
    const json reference = parse(R"({"a": 1, "b": [1, 2, {"c": null}], "d": "x"})");
    const json candidate = parse(R"({"d": "x", "b": [1, 2, {"c": null}], "a": 1})");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    CHECK(found.empty());
}

TEST_CASE("a changed value is one value difference at its pointer and pattern", "[diff][strict]") {
    const json reference = parse(R"([{"score": 0.9}, {"score": 0.8}])");
    const json candidate = parse(R"([{"score": 0.9}, {"score": 0.81}])");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/1/score");
    CHECK(found[0].pattern == "/*/score");
    CHECK(found[0].candidate_pointer == "/1/score");
    CHECK(found[0].reference == 0.8);
    CHECK(found[0].candidate == 0.81);
    CHECK(found[0].detail == "0.8 vs 0.81");
}

TEST_CASE("None became empty string: a type difference at the field", "[diff][strict]") {
    const json reference = parse(R"([{"row": 0, "middle_name": "Ann"}, {"row": 1, "middle_name": null}])");
    const json candidate = parse(R"([{"row": 0, "middle_name": "Ann"}, {"row": 1, "middle_name": ""}])");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::type);
    CHECK(found[0].pointer == "/1/middle_name");
    CHECK(found[0].pattern == "/*/middle_name");
    CHECK(found[0].reference.is_null());
    CHECK(found[0].candidate == "");
    CHECK(found[0].detail == R"(null vs "" (null vs string))");
}

TEST_CASE("types are JSON's", "[diff][strict]") {
    struct Case {
        const char* reference;
        const char* candidate;
        const char* detail;
    };
    const Case cases[] = {
        {"true", "1", "true vs 1 (boolean vs integer)"},
        {"1", "1.0", "1 vs 1.0 (integer vs number)"},
        {"[]", "{}", "[…] (0 elements) vs {…} (0 keys) (array vs object)"},
        {"\"1\"", "1", "\"1\" vs 1 (string vs integer)"},
        {"false", "null", "false vs null (boolean vs null)"},
    };
    for (const Case& c : cases) {
        const json reference = parse(c.reference);
        const json candidate = parse(c.candidate);
        const auto found = diff_values(reference, candidate, Rules{});
        PARITY_DIFF_CONTEXT(reference, candidate, found);
        REQUIRE(found.size() == 1);
        CHECK(found[0].kind == DifferenceKind::type);
        CHECK(found[0].pointer == "");
        CHECK(found[0].detail == c.detail);
    }
}

TEST_CASE("keys only on one side are missing or extra at the key", "[diff][strict]") {
    const json reference = parse(R"({"a": 1, "b": {"x": 1, "y": 2}})");
    const json candidate = parse(R"({"a": 1, "b": {"x": 1, "z": 3}, "c": null})");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 3);
    CHECK(found[0].kind == DifferenceKind::missing);
    CHECK(found[0].pointer == "/b/y");
    CHECK(found[0].reference == 2);
    CHECK(found[0].candidate.is_null());
    CHECK(found[0].detail == "absent from the candidate");
    CHECK(found[1].kind == DifferenceKind::extra);
    CHECK(found[1].pointer == "/b/z");
    CHECK(found[1].candidate == 3);
    CHECK(found[1].detail == "absent from the reference");
    CHECK(found[2].kind == DifferenceKind::extra);
    CHECK(found[2].pointer == "/c");
}

TEST_CASE("keys with ~ and / are escaped in pointers and patterns", "[diff][strict]") {
    const json reference = parse(R"({"a/b": {"~c": [1]}})");
    const json candidate = parse(R"({"a/b": {"~c": [2]}})");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/a~1b/~0c/0");
    CHECK(found[0].pattern == "/a~1b/~0c/*");
}

TEST_CASE("numeric object keys are never wildcarded in patterns", "[diff][strict]") {
    const json reference = parse(R"({"7": [{"3": 1}]})");
    const json candidate = parse(R"({"7": [{"3": 2}]})");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/7/0/3");
    CHECK(found[0].pattern == "/7/*/3");
}

TEST_CASE("differences come in walk order", "[diff][strict]") {
    const json reference = parse(R"({"b": [1, 2], "a": {"y": 1, "x": 1}, "c": 1})");
    const json candidate = parse(R"({"b": [1, 3], "a": {"y": 2, "x": 2}, "d": 1})");
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    std::vector<std::string> pointers;
    for (const Difference& difference : found) {
        pointers.push_back(difference.pointer);
    }
    CHECK(pointers == std::vector<std::string>{"/a/x", "/a/y", "/b/1", "/c", "/d"});
}

TEST_CASE("tagged values compare as the objects they are", "[diff][strict]") {
    const json reference = parse(R"({"n": {"$bigint": "123456789012345678901234567890"}})");
    const json same = parse(R"({"n": {"$bigint": "123456789012345678901234567890"}})");
    const json candidate = parse(R"({"n": {"$bigint": "123456789012345678901234567891"}})");
    CHECK(diff_values(reference, same, Rules{}).empty());
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/n/$bigint");

    const json surrogates = parse(R"({"s": {"$str_with_surrogates": "a\\ud800"}})");
    const auto tagged = diff_values(surrogates, parse(R"({"s": "a"})"), Rules{});
    REQUIRE(tagged.size() == 1);
    CHECK(tagged[0].kind == DifferenceKind::type);
    CHECK(tagged[0].pointer == "/s");
}

}  // namespace
}  // namespace parity::diff
