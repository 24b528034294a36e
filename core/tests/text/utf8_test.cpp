#include "parity/core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using parity::core::decode_utf8;

TEST_CASE("decode_utf8 decodes 1- to 4-byte sequences", "[utf8]") {
    CHECK(decode_utf8("").empty());
    CHECK(decode_utf8("Jose") == U"Jose");
    CHECK(decode_utf8("José") == U"José");
    CHECK(decode_utf8("東京都") == U"東京都");
    CHECK(decode_utf8("😀!") == U"😀!");
    CHECK(decode_utf8(std::string("a\0b", 3)) == std::u32string(U"a\0b", 3));
}

TEST_CASE("decode_utf8 rejects invalid UTF-8, naming the byte offset", "[utf8]") {
    using Catch::Matchers::Contains;
    const auto rejects_at = [](const std::string& bytes, const std::string& offset) {
        CAPTURE(bytes, offset);
        CHECK_THROWS_WITH(decode_utf8(bytes), Contains("invalid UTF-8 at byte offset " + offset));
        CHECK_THROWS_AS(decode_utf8(bytes), std::invalid_argument);
    };
    rejects_at("\x80", "0");               // lone continuation byte
    rejects_at("ab\xc3", "2");             // truncated 2-byte sequence
    rejects_at("ok \xc0\xaf", "3");        // overlong encoding of '/'
    rejects_at("\xed\xa0\x80", "0");       // UTF-16 surrogate U+D800
    rejects_at("é\xf4\x90\x80\x80", "2");  // above U+10FFFF
    rejects_at("\xff", "0");
}
