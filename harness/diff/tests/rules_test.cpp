#include <catch2/catch.hpp>

#include "diff_test_support.hpp"
#include "parity/diff/rules.hpp"

namespace parity::diff {
namespace {

Rules parse_rules(std::string_view text) {
    return Rules::parse(test::parse(text), "rules.json");
}

TEST_CASE("default rules are strict everywhere", "[rules]") {
    const Rules rules;
    CHECK(rules.empty());
    const Settings settings = rules.settings_at("/0/score");
    CHECK_FALSE(settings.ignore);
    CHECK_FALSE(settings.float_tolerance.has_value());
    CHECK(settings.array == nullptr);
    CHECK_FALSE(settings.unicode.has_value());
    CHECK_FALSE(settings.null_equals_missing);
}

TEST_CASE("the documented example parses", "[rules]") {
    const Rules rules = parse_rules(R"({"rules": [
        {"path": "/*/score", "float": {"abs": 1e-9}},
        {"path": "/*/score", "float": {"rel": 1e-12, "ulps": 4}},
        {"path": "/*/normalized/**", "ignore": true},
        {"path": "", "array": "unordered"},
        {"path": "", "array": {"keyed_by": "row"}},
        {"path": "/*/name", "unicode": "NFC"},
        {"path": "**", "null_equals_missing": true}
    ]})");
    CHECK(rules.rules().size() == 7);

    const Settings score = rules.settings_at("/3/score");
    REQUIRE(score.float_tolerance.has_value());
    // The last matching rule that sets "float" wins, whole: no abs from the first rule.
    CHECK_FALSE(score.float_tolerance->abs.has_value());
    CHECK(score.float_tolerance->rel == 1e-12);
    CHECK(score.float_tolerance->ulps == 4U);
    CHECK(score.null_equals_missing);

    const Settings root = rules.settings_at("");
    REQUIRE(root.array != nullptr);
    CHECK(root.array->mode == ArrayMode::keyed);
    CHECK(root.array->key == "row");

    CHECK(rules.settings_at("/0/normalized").ignore);
    CHECK(rules.settings_at("/0/normalized/first_name").ignore);
    CHECK_FALSE(rules.settings_at("/0/raw").ignore);
    CHECK(rules.settings_at("/0/name").unicode == UnicodeForm::nfc);
    CHECK_FALSE(rules.settings_at("/name").unicode.has_value());
}

TEST_CASE("each setting comes from the last matching rule that sets it", "[rules]") {
    const Rules rules = parse_rules(R"({"rules": [
        {"path": "**", "ignore": true, "unicode": "NFKC"},
        {"path": "/*/keep", "ignore": false},
        {"path": "/0/**", "unicode": "NFD"}
    ]})");
    CHECK(rules.settings_at("/1/other").ignore);
    CHECK_FALSE(rules.settings_at("/1/keep").ignore);
    CHECK(rules.settings_at("/1/keep").unicode == UnicodeForm::nfkc);  // rule 2 sets no unicode
    CHECK(rules.settings_at("/0/keep").unicode == UnicodeForm::nfd);
    CHECK_FALSE(rules.settings_at("/0/keep").ignore);
}

TEST_CASE("rules built in code are validated too", "[rules]") {
    Rule bad;
    bad.path = "/x";
    bad.float_tolerance = FloatTolerance{-1.0, std::nullopt, std::nullopt};
    CHECK_THROWS_WITH(Rules({bad}),
                      "<rules>: rule 1 (path \"/x\"): \"float.abs\" must be a non-negative number");

    Rule nothing;
    nothing.path = "/x";
    CHECK_THROWS_WITH(Rules({nothing}),
                      Catch::Matchers::StartsWith("<rules>: rule 1 (path \"/x\"): sets nothing"));

    Rule bad_path;
    bad_path.path = "x";
    bad_path.ignore = true;
    CHECK_THROWS_AS(Rules({bad_path}), RulesError);
}

TEST_CASE("unicode forms have their standard names", "[rules]") {
    CHECK(to_string(UnicodeForm::nfc) == "NFC");
    CHECK(to_string(UnicodeForm::nfd) == "NFD");
    CHECK(to_string(UnicodeForm::nfkc) == "NFKC");
    CHECK(to_string(UnicodeForm::nfkd) == "NFKD");
}

}  // namespace
}  // namespace parity::diff
