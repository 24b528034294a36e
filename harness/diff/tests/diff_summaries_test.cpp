// Values sent as their summaries (too deep or too large: parity/bounds/value_summary.hpp) are compared
// exactly, by type, length and hash, against a summary or a whole value.

#include <catch2/catch.hpp>

#include <string>

#include "diff_test_support.hpp"
#include "parity/bounds/value_summary.hpp"

using namespace parity::diff;
using parity::bounds::summarise;
using parity::bounds::summary_json;
using test::parse;

namespace {

nlohmann::json summary_of(const nlohmann::json& value) {
    return summary_json(summarise(value));
}

}  // namespace

TEST_CASE("equal summaries match, whatever the rules", "[diff][summary]") {
    const std::string huge(100'000, 'x');
    const nlohmann::json reference = {{"status", summary_of(huge)}};
    const nlohmann::json candidate = {{"status", summary_of(huge)}};
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    CHECK(found.empty());
}

TEST_CASE("summaries of values that differ in one byte differ at their path", "[diff][summary]") {
    const nlohmann::json reference = {{"status", summary_of(std::string(100'000, 'x'))}};
    const nlohmann::json candidate = {{"status", summary_of(std::string(99'999, 'x') + "y")}};
    const auto found = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/status");
    CHECK(found[0].candidate == candidate["status"]);
    CHECK(found[0].detail.find("compared by summary") != std::string::npos);
}

TEST_CASE("a summary equals the whole value it stands for", "[diff][summary]") {
    const nlohmann::json whole = parse(R"([{"b": [1, 2.5, null]}, "x"])");
    const auto same = diff_values(whole, summary_of(whole), Rules{});
    CHECK(same.empty());
    const auto other = diff_values(parse(R"([{"b": [1, 2.5, true]}, "x"])"), summary_of(whole), Rules{});
    REQUIRE(other.size() == 1);
    CHECK(other[0].kind == DifferenceKind::value);
    CHECK(other[0].pointer.empty());
}

TEST_CASE("summaries of different JSON types are a type difference", "[diff][summary]") {
    const auto found = diff_values(summary_of(std::string(10, 'a')), summary_of(parse("[1]")), Rules{});
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::type);
}

TEST_CASE("a float tolerance does not reach inside a summary", "[diff][summary]") {
    const Rules rules = Rules::parse(parse(R"({"rules": [{"path": "/**", "float": {"abs": 0.5}}]})"), "test");
    CHECK(diff_values(parse("[1.0]"), parse("[1.01]"), rules).empty());
    const auto found = diff_values(summary_of(parse("[1.0]")), summary_of(parse("[1.01]")), rules);
    CHECK(found.size() == 1);
}
