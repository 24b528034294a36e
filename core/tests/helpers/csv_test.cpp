#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "helpers/csv.hpp"

using parity::test::parse_csv;

namespace {

std::vector<std::vector<std::string>> fields_of(std::string_view text) {
    std::vector<std::vector<std::string>> fields;
    for (auto& row : parse_csv(text)) {
        fields.push_back(std::move(row.fields));
    }
    return fields;
}

}  // namespace

TEST_CASE("parse_csv splits plain rows and keeps empty fields", "[csv]") {
    using Rows = std::vector<std::vector<std::string>>;
    CHECK(fields_of("a,b,1\n,,0\n") == Rows{{"a", "b", "1"}, {"", "", "0"}});
    CHECK(fields_of("abc,xyz,0.0,\n") == Rows{{"abc", "xyz", "0.0", ""}});
}

TEST_CASE("parse_csv handles quoted fields, escaped quotes and CRLF", "[csv]") {
    using Rows = std::vector<std::vector<std::string>>;
    CHECK(fields_of("\"Gent, 9000\",\"say \"\"hi\"\"\",1\r\n") == Rows{{"Gent, 9000", "say \"hi\"", "1"}});
    CHECK(fields_of("\"two\nlines\",x") == Rows{{"two\nlines", "x"}});
    CHECK(fields_of("\"\"\n") == Rows{{""}});
}

TEST_CASE("parse_csv skips blank lines and records line numbers", "[csv]") {
    const auto rows = parse_csv("a\n\n\"b\nc\"\nd");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].line == 1);
    CHECK(rows[1].line == 3);
    CHECK(rows[2].line == 5);
}

TEST_CASE("parse_csv rejects an unterminated quoted field", "[csv]") {
    CHECK_THROWS_AS(parse_csv("a,\"b\n"), std::invalid_argument);
}
