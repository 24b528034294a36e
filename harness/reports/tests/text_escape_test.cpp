#include <catch2/catch.hpp>

#include "parity/reports/text_escape.hpp"

using parity::reports::escape_html;
using parity::reports::escape_markdown_cell;
using parity::reports::escape_xml;
using parity::reports::shorten;
using parity::reports::XmlContext;

TEST_CASE("escape_html neutralises markup and quotes", "[text_escape]") {
    CHECK(escape_html("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK(escape_html("a \"b\" & c") == "a &quot;b&quot; &amp; c");
    CHECK(escape_html("München 札幌") == "München 札幌");
}

TEST_CASE("escape_html replaces invalid UTF-8 and drops control characters", "[text_escape]") {
    CHECK(escape_html(std::string("a\xFF"
                                  "b",
                                  3)) ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(escape_html(std::string("a\0\x01\x1B"
                                  "b",
                                  5)) == "ab");
    CHECK(escape_html("a\tb\nc") == "a\tb\nc");
}

TEST_CASE("escape_xml drops what XML 1.0 forbids", "[text_escape]") {
    CHECK(escape_xml("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
    CHECK(escape_xml("x\x01\x08\x0B\x0C\x1B"
                     "y") == "xy");
    CHECK(escape_xml("x\xEF\xBF\xBE\xEF\xBF\xBF"
                     "y") == "xy");  // U+FFFE, U+FFFF
    CHECK(escape_xml(std::string("x\0y", 3)) == "xy");
    CHECK(escape_xml("x\xC3y") == "xy");          // truncated sequence
    CHECK(escape_xml("x\xED\xA0\x80y") == "xy");  // UTF-8 encoded surrogate
    CHECK(escape_xml("x\xF0\x9F\x98\x80y") == "x\xF0\x9F\x98\x80y");
}

TEST_CASE("escape_xml keeps whitespace as references in attributes only", "[text_escape]") {
    CHECK(escape_xml("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
    CHECK(escape_xml("a\tb\nc\rd", XmlContext::content) == "a\tb\nc&#13;d");
}

TEST_CASE("escape_markdown_cell keeps a value inside its table cell", "[text_escape]") {
    CHECK(escape_markdown_cell("a|b") == "a\\|b");
    CHECK(escape_markdown_cell("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;");
    CHECK(escape_markdown_cell("line\nbreak") == "line break");
    CHECK(escape_markdown_cell("*x* _y_ `z` [l](u) @team") == "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\@team");
    CHECK(escape_markdown_cell("a\x01"
                               "b") == "ab");
}

TEST_CASE("shorten cuts on code points and marks the cut", "[text_escape]") {
    CHECK(shorten("abcdef", 4) == "abc…");
    CHECK(shorten("abcd", 4) == "abcd");
    CHECK(shorten("", 4).empty());
    CHECK(shorten("ääää", 3) == "ää…");
    CHECK(shorten("札幌市です", 5) == "札幌市です");
    CHECK(shorten(std::string(100000, 'x'), 80).size() == 79 + std::string("…").size());
}
