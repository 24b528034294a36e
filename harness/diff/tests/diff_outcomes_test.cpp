#include <catch2/catch.hpp>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

TEST_CASE("outcomes are built as documented", "[outcomes]") {
    const Outcome error = Outcome::error("ValueError", "empty name");
    CHECK(error.is_error);
    CHECK(error.value == json{{"type", "ValueError"}, {"message", "empty name"}});
    CHECK(error.error_type() == "ValueError");
    CHECK(error.error_message() == "empty name");
    const Outcome output = Outcome::output(json::array({1}));
    CHECK_FALSE(output.is_error);
    CHECK(output.value == json::array({1}));
}

TEST_CASE("two values are diffed as values", "[outcomes]") {
    const auto found =
        diff_outcomes(Outcome::output(json{{"a", 1}}), Outcome::output(json{{"a", 2}}), Rules{});
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/a");
}

TEST_CASE("equal errors are equal", "[outcomes]") {
    CHECK(
        diff_outcomes(Outcome::error("ValueError", "x"), Outcome::error("ValueError", "x"), Rules{}).empty());
}

TEST_CASE("different error types: error_type at /type", "[outcomes]") {
    const auto found =
        diff_outcomes(Outcome::error("ValueError", "bad"), Outcome::error("TypeError", "bad"), Rules{});
    INFO(test::show(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::error_type);
    CHECK(found[0].pointer == "/type");
    CHECK(found[0].reference == "ValueError");
    CHECK(found[0].candidate == "TypeError");
    CHECK(found[0].detail == "ValueError vs TypeError");
}

TEST_CASE("different error messages: error_message at /message", "[outcomes]") {
    const auto found =
        diff_outcomes(Outcome::error("ValueError", "bad"), Outcome::error("ValueError", "worse"), Rules{});
    INFO(test::show(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::error_message);
    CHECK(found[0].pointer == "/message");
    CHECK(found[0].detail == R"("bad" vs "worse")");
}

TEST_CASE("type and message both differ: two differences, or one when limited", "[outcomes]") {
    const Outcome reference = Outcome::error("ValueError", "bad");
    const Outcome candidate = Outcome::error("KeyError", "'x'");
    const auto found = diff_outcomes(reference, candidate, Rules{});
    INFO(test::show(found));
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::error_type);
    CHECK(found[1].kind == DifferenceKind::error_message);
    const auto limited = diff_outcomes(reference, candidate, Rules{}, DiffOptions{1});
    REQUIRE(limited.size() == 1);
    CHECK(limited[0].detail == "ValueError vs KeyError; stopped after 1 differences");
}

TEST_CASE("an error against a value: one error_vs_value at the root", "[outcomes]") {
    const Outcome error = Outcome::error("ValueError", "empty name");
    const Outcome value = Outcome::output(json::array({1, 2}));
    const auto found = diff_outcomes(error, value, Rules{});
    INFO(test::show(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::error_vs_value);
    CHECK(found[0].pointer == "");
    CHECK(found[0].reference == error.value);
    CHECK(found[0].candidate == value.value);
    CHECK(found[0].detail == R"(raised ValueError: "empty name" vs returned […] (2 elements))");

    const auto reversed = diff_outcomes(Outcome::output(json(nullptr)), error, Rules{});
    REQUIRE(reversed.size() == 1);
    CHECK(reversed[0].kind == DifferenceKind::error_vs_value);
    CHECK(reversed[0].detail == R"(returned null vs raised ValueError: "empty name")");
}

TEST_CASE("rules do not silence errors", "[outcomes]") {
    const Rules rules = Rules::parse(test::parse(R"({"rules": [{"path": "", "ignore": true}]})"), "test");
    CHECK(diff_outcomes(Outcome::error("A", "x"), Outcome::output(1), rules).size() == 1);
    CHECK(diff_outcomes(Outcome::output(1), Outcome::output(2), rules).empty());
}

}  // namespace
}  // namespace parity::diff
