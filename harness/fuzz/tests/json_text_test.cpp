#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "parity/fuzz/code_points.hpp"
#include "parity/fuzz/json_text.hpp"

using parity::fuzz::Input;
using parity::fuzz::not_storable_in_corpus;
using parity::fuzz::python_json_text;

TEST_CASE("inputs are written as Python's json.dumps writes them, keys in their order") {
    const Input input =
        Input::parse(R"({"z":1,"a":[1.0,-0.0,"é\n\"x\""],"n":null,"b":true,"big":18446744073709551615})");
    CHECK(python_json_text(input) ==
          R"({"z":1,"a":[1.0,-0.0,"é\n\"x\""],"n":null,"b":true,"big":18446744073709551615})");
}

TEST_CASE("NaN and infinities are written as Python reads them, and are not storable in a corpus") {
    Input input = Input::object();
    input["x"] = std::numeric_limits<double>::quiet_NaN();
    input["y"] =
        Input::array({std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()});
    CHECK(python_json_text(input) == R"({"x":NaN,"y":[Infinity,-Infinity]})");
    CHECK(not_storable_in_corpus(input) == "a non-finite number at /x");
    CHECK(not_storable_in_corpus(Input::parse(R"({"x":[1,"a"]})")).empty());
}

TEST_CASE("a lone surrogate is kept in memory as WTF-8 and written escaped") {
    std::string text = "a";
    parity::fuzz::append_code_point(text, 0xD83D);
    CHECK(text == "a\xED\xA0\xBD");
    const auto decoded = parity::fuzz::decode_code_points(text);
    REQUIRE(decoded);
    CHECK(*decoded == std::vector<char32_t>{U'a', 0xD83D});
    Input input = Input::array({text});
    CHECK(python_json_text(input) == R"(["a\ud83d"])");
    CHECK(not_storable_in_corpus(input) == "a lone surrogate at /0");
}

TEST_CASE("control characters are escaped, other code points written as UTF-8") {
    Input input = std::string("\x01 \xF0\x9F\x98\x80 \xE2\x80\xA8");
    CHECK(python_json_text(input) == "\"\\u0001 \xF0\x9F\x98\x80 \xE2\x80\xA8\"");
}

TEST_CASE("text that is not UTF-8 is refused by the decoder") {
    CHECK_FALSE(parity::fuzz::decode_code_points("\xC0\x80"));          // overlong
    CHECK_FALSE(parity::fuzz::decode_code_points("\xE2\x82"));          // cut short
    CHECK_FALSE(parity::fuzz::decode_code_points("\xF5\x80\x80\x80"));  // beyond U+10FFFF
}

TEST_CASE("nesting depth is read from the text, brackets inside strings not counted") {
    CHECK(parity::fuzz::nesting_depth("1") == 0);
    CHECK(parity::fuzz::nesting_depth(R"({"a":[1,{"b":"[[[\"]]]"}]})") == 3);
    CHECK(parity::fuzz::nesting_depth(std::string(5000, '[') + std::string(5000, ']')) == 5000);
}
