#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "parity/bounds/canonical_text.hpp"
#include "parity/bounds/sha256.hpp"
#include "parity/bounds/value_summary.hpp"

using nlohmann::json;
using namespace parity::bounds;

TEST_CASE("a string's summary is its length, hash, head and tail", "[summary]") {
    const std::string text = std::string(100, 'a') + std::string(100, 'b');
    const ValueSummary summary = summarise(json(text));
    CHECK(summary.type == "string");
    CHECK(summary.bytes == 200);
    CHECK(summary.sha256 == sha256_hex(text));
    CHECK(summary.head == std::string(summary_edge_bytes, 'a'));
    CHECK(summary.tail == std::string(summary_edge_bytes, 'b'));
    CHECK(same_value(summary, summarise_string(text)));
}

TEST_CASE("a container's summary is taken over its canonical text", "[summary]") {
    const json value = json::parse(R"({"b": [1, 2], "a": "x"})");
    const ValueSummary summary = summarise(value);
    CHECK(summary.type == "object");
    CHECK(summary.bytes == canonical_size(value));
    CHECK(summary.sha256 == sha256_hex(canonical_text(value)));
    CHECK(summary.head == canonical_text(value));
    CHECK(summary.tail.empty());
}

TEST_CASE("head and tail are cut at character boundaries", "[summary]") {
    std::string text;
    for (int i = 0; i < 100; ++i) {
        text += "é";  // two bytes each: the edges fall inside one or not
    }
    text += "x";
    const ValueSummary summary = summarise_string(text);
    CHECK(summary.head == std::string(text, 0, summary_edge_bytes));
    CHECK(summary.tail.size() <= summary_edge_bytes);
    CHECK(summary.tail.back() == 'x');
    CHECK(summary.tail.front() != '\xa9');  // not the second byte of an é
    CHECK_NOTHROW(summary_json(summary).dump());
}

TEST_CASE("a summary written as a tagged object reads back, through MessagePack too", "[summary]") {
    const ValueSummary summary = summarise_string(std::string(1000, 'z'));
    const json tagged = summary_json(summary);
    REQUIRE(read_summary(tagged));
    CHECK(same_value(*read_summary(tagged), summary));
    const json round_trip = json::from_msgpack(json::to_msgpack(tagged));
    REQUIRE(read_summary(round_trip));
    CHECK(same_value(*read_summary(round_trip), summary));
    CHECK(canonical_size(tagged) <= max_summary_bytes);
}

TEST_CASE("an object that only looks like a summary is not one", "[summary]") {
    CHECK_FALSE(read_summary(json::parse(R"({"$summary": "string"})")));
    CHECK_FALSE(read_summary(
        json::parse(R"({"$summary": "string", "bytes": -1, "sha256": "", "head": "", "tail": ""})")));
    CHECK_FALSE(read_summary(
        json::parse(R"({"$summary": "string", "bytes": 1, "sha256": "", "head": "", "tail": "", "x": 1})")));
}

TEST_CASE("summary_of a summary is the summary itself", "[summary]") {
    const json value = json::array({1, 2, 3});
    CHECK(same_value(summary_of(summary_json(summarise(value))), summarise(value)));
    CHECK_FALSE(same_value(summarise(value), summarise(json::array({1, 2, 4}))));
}
