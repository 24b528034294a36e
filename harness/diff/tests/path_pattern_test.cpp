#include <catch2/catch.hpp>

#include <stdexcept>

#include "parity/diff/json_pointer.hpp"
#include "parity/diff/path_pattern.hpp"

namespace parity::diff {
namespace {

bool matches(std::string_view pattern, std::string_view pointer) {
    return PathPattern::parse(pattern).matches(split_pointer(pointer));
}

TEST_CASE("the empty pattern is the root only", "[path_pattern]") {
    CHECK(matches("", ""));
    CHECK_FALSE(matches("", "/a"));
}

TEST_CASE("* matches exactly one token, key or index", "[path_pattern]") {
    CHECK(matches("/*/score", "/3/score"));
    CHECK(matches("/*/score", "/key/score"));
    CHECK_FALSE(matches("/*/score", "/score"));
    CHECK_FALSE(matches("/*/score", "/1/2/score"));
    CHECK_FALSE(matches("/*", ""));
}

TEST_CASE("** matches zero or more tokens", "[path_pattern]") {
    CHECK(matches("**", ""));
    CHECK(matches("/**", ""));
    CHECK(matches("**", "/a/b/c"));
    CHECK(matches("/*/normalized/**", "/3/normalized"));
    CHECK(matches("/*/normalized/**", "/3/normalized/name/0"));
    CHECK_FALSE(matches("/*/normalized/**", "/3/raw/name"));
    CHECK(matches("/**/score", "/score"));
    CHECK(matches("/**/score", "/0/rows/7/score"));
    CHECK_FALSE(matches("/**/score", "/0/score/x"));
    CHECK(matches("/a/**/b/**/c", "/a/b/c"));
    CHECK(matches("/a/**/b/**/c", "/a/x/b/y/z/c"));
    CHECK_FALSE(matches("/a/**/b/**/c", "/a/x/c"));
}

TEST_CASE("literal tokens use RFC 6901 escapes", "[path_pattern]") {
    CHECK(matches("/a~1b", "/a~1b"));  // the key "a/b"
    CHECK_FALSE(matches("/a~1b", "/a/b"));
    CHECK(matches("/~0", "/~0"));  // the key "~"
    CHECK(matches("/", "/"));      // the key ""
    CHECK(matches("/7", "/7"));    // index 7 or key "7"
    CHECK_FALSE(matches("/7", "/70"));
}

TEST_CASE("bad patterns are rejected", "[path_pattern]") {
    CHECK_THROWS_AS(PathPattern::parse("a"), std::invalid_argument);
    CHECK_THROWS_AS(PathPattern::parse("/a~2"), std::invalid_argument);
    std::string long_pattern;
    for (std::size_t i = 0; i <= PathPattern::max_segments; ++i) {
        long_pattern += "/x";
    }
    CHECK_THROWS_AS(PathPattern::parse(long_pattern), std::invalid_argument);
}

}  // namespace
}  // namespace parity::diff
