#include <catch2/catch.hpp>

#include <stdexcept>

#include "diff_test_support.hpp"
#include "parity/diff/json_pointer.hpp"

namespace parity::diff {
namespace {

TEST_CASE("pointer tokens escape ~ as ~0 and / as ~1", "[json_pointer]") {
    CHECK(escape_pointer_token("a/b~c") == "a~1b~0c");
    CHECK(escape_pointer_token("~1") == "~01");  // ~ first, so "~1" does not become "/"
    CHECK(escape_pointer_token("") == "");
    CHECK(escape_pointer_token("plain") == "plain");
    CHECK(unescape_pointer_token("a~1b~0c") == "a/b~c");
    CHECK(unescape_pointer_token("~01") == "~1");
}

TEST_CASE("escaping round-trips", "[json_pointer]") {
    const std::string key = GENERATE("a/b~c", "~~//", "~0~1", "", "é/ü");
    CAPTURE(key);
    CHECK(unescape_pointer_token(escape_pointer_token(key)) == key);
}

TEST_CASE("bad escapes are rejected", "[json_pointer]") {
    CHECK_THROWS_AS(unescape_pointer_token("~2"), std::invalid_argument);
    CHECK_THROWS_AS(unescape_pointer_token("a~"), std::invalid_argument);
    CHECK_THROWS_AS(split_pointer("a/b"), std::invalid_argument);
}

TEST_CASE("pointers split into unescaped tokens", "[json_pointer]") {
    CHECK(split_pointer("").empty());
    CHECK(split_pointer("/") == std::vector<std::string>{""});
    CHECK(split_pointer("/a~1b/0") == std::vector<std::string>{"a/b", "0"});
    CHECK(split_pointer("//x/") == std::vector<std::string>{"", "x", ""});
}

TEST_CASE("append_pointer_token escapes only when needed", "[json_pointer]") {
    std::string pointer = "/0";
    append_pointer_token(pointer, "score");
    append_pointer_token(pointer, "a/b");
    CHECK(pointer == "/0/score/a~1b");
}

TEST_CASE("pointer_pattern wildcards array indices, never object keys", "[json_pointer]") {
    const auto document = test::parse(R"([{"3": {"x": [0, {"y~/": 1}]}}])");
    CHECK(pointer_pattern("/0/3/x/1/y~0~1", document) == "/*/3/x/*/y~0~1");
    CHECK(pointer_pattern("", document) == "");
    CHECK(pointer_pattern("/5/a", document) == "/*/a");  // past the document: kept as written
}

}  // namespace
}  // namespace parity::diff
