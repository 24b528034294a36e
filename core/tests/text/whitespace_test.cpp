#include "parity/core/text/whitespace.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

using parity::core::is_python_space;
using parity::core::split_whitespace;

TEST_CASE("is_python_space accepts exactly Python's str.isspace() code points", "[whitespace]") {
    // [hex(c) for c in range(0x110000) if chr(c).isspace()] on CPython 3.11.
    // Compared as integers so that a failure prints the code points.
    const std::vector<std::uint32_t> python_spaces{
        0x09,   0x0a,   0x0b,   0x0c,   0x0d,   0x1c,   0x1d,   0x1e,   0x1f,   0x20,
        0x85,   0xa0,   0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
        0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
    };
    std::vector<std::uint32_t> accepted;
    for (std::uint32_t code_point = 0; code_point <= 0x10ffff; ++code_point) {
        if (is_python_space(static_cast<char32_t>(code_point))) {
            accepted.push_back(code_point);
        }
    }
    CHECK(accepted == python_spaces);
}

TEST_CASE("split_whitespace splits like Python's str.split()", "[whitespace]") {
    using Tokens = std::vector<std::u32string_view>;
    CHECK(split_whitespace(U"").empty());
    CHECK(split_whitespace(U" \t\n ").empty());
    CHECK(split_whitespace(U"fuzzy") == Tokens{U"fuzzy"});
    CHECK(split_whitespace(U"  fuzzy\t\twuzzy \u3000bear\u2029") == Tokens{U"fuzzy", U"wuzzy", U"bear"});
    CHECK(split_whitespace(U"zero\u200bwidth") == Tokens{U"zero\u200bwidth"});  // U+200B is not a space
}
