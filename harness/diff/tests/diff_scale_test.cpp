// Documents deep and wide enough to break a recursive walk or a quadratic one.

#include <catch2/catch.hpp>

#include <string>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

constexpr std::size_t deep = 10'000;
constexpr std::size_t wide = 100'000;

/// [[[...[leaf]...]]], `depth` arrays deep, built without recursion.
json nested_arrays(std::size_t depth, json leaf) {
    json document = std::move(leaf);
    for (std::size_t i = 0; i < depth; ++i) {
        json wrapper = json::array();
        wrapper.push_back(std::move(document));
        document = std::move(wrapper);
    }
    return document;
}

json nested_objects(std::size_t depth, json leaf) {
    json document = std::move(leaf);
    for (std::size_t i = 0; i < depth; ++i) {
        json wrapper = json::object();
        wrapper["k"] = std::move(document);
        document = std::move(wrapper);
    }
    return document;
}

std::string repeated(std::string_view token, std::size_t count) {
    std::string text;
    text.reserve(token.size() * count);
    for (std::size_t i = 0; i < count; ++i) {
        text += token;
    }
    return text;
}

TEST_CASE("documents 10,000 arrays deep are diffed without exhausting the stack", "[diff][scale]") {
    const json reference = nested_arrays(deep, 1);
    CHECK(diff_values(reference, nested_arrays(deep, 1), Rules{}).empty());

    const auto found = diff_values(reference, nested_arrays(deep, 2), Rules{});
    INFO(test::show(found).substr(0, 300));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == repeated("/0", deep));
    CHECK(found[0].pattern == repeated("/*", deep));
    CHECK(found[0].detail == "1 vs 2");
}

TEST_CASE("a difference holding a deep value copies it without recursion", "[diff][scale]") {
    // Not json::array({...}): an initializer list copies, and nlohmann::json copies recursively.
    json reference = json::array();
    reference.push_back(nested_arrays(deep, 1));
    const auto found = diff_values(reference, json::array({json::object()}), Rules{});
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::type);
    CHECK(found[0].pointer == "/0");
    // Walk the copy down to its leaf.
    const json* node = &found[0].reference;
    std::size_t depth = 0;
    while (node->is_array()) {
        node = &(*node)[0];
        ++depth;
    }
    CHECK(depth == deep);
    CHECK(*node == 1);
}

TEST_CASE("deep documents under rules, and deep length differences", "[diff][scale]") {
    const Rules rules = Rules::parse(
        test::parse(R"({"rules": [{"path": "**", "array": "unordered", "float": {"abs": 0.5}}]})"), "test");
    CHECK(diff_values(nested_arrays(deep, 1.0), nested_arrays(deep, 1.25), rules).empty());
    const auto found = diff_values(nested_objects(deep, json::array({1, 2})),
                                   nested_objects(deep, json::array({1})), Rules{});
    REQUIRE(found.size() == 2);
    CHECK(found[0].kind == DifferenceKind::array_length);
    CHECK(found[0].pointer == repeated("/k", deep));
    CHECK(found[1].pointer == repeated("/k", deep) + "/1");
}

TEST_CASE("objects with 100,000 keys", "[diff][scale]") {
    json reference = json::object();
    for (std::size_t i = 0; i < wide; ++i) {
        reference["key" + std::to_string(i)] = i;
    }
    json candidate = reference;
    CHECK(diff_values(reference, candidate, Rules{}).empty());
    candidate["key500"] = -1;
    candidate.erase("key70000");
    const auto found = diff_values(reference, candidate, Rules{});
    INFO(test::show(found));
    REQUIRE(found.size() == 2);
    CHECK(found[0].pointer == "/key500");
    CHECK(found[1].pointer == "/key70000");
    CHECK(found[1].kind == DifferenceKind::missing);
}

TEST_CASE("arrays of 100,000 elements with one dropped", "[diff][scale]") {
    json reference = json::array();
    for (std::size_t i = 0; i < wide; ++i) {
        reference.push_back(i);
    }
    json candidate = reference;
    candidate.erase(50'000);
    const auto found = diff_values(reference, candidate, Rules{});
    INFO(test::show(found));
    REQUIRE(found.size() == 2);
    CHECK(found[1].pointer == "/50000");
}

TEST_CASE("max_differences stops the walk and says so", "[diff][scale]") {
    json reference = json::array();
    json candidate = json::array();
    for (int i = 0; i < 50; ++i) {
        reference.push_back(i);
        candidate.push_back(i + 1000);
    }
    const auto limited = diff_values(reference, candidate, Rules{}, DiffOptions{10});
    REQUIRE(limited.size() == 10);
    CHECK(limited[9].pointer == "/9");
    CHECK(limited[9].detail == "9 vs 1009; stopped after 10 differences");
    CHECK(limited[8].detail == "8 vs 1008");

    const auto exact = diff_values(reference, candidate, Rules{}, DiffOptions{50});
    REQUIRE(exact.size() == 50);
    CHECK(exact[49].detail == "49 vs 1049");  // exactly at the limit: nothing more, nothing said

    CHECK(diff_values(reference, candidate, Rules{}, DiffOptions{0}).size() == 50);
}

}  // namespace
}  // namespace parity::diff
