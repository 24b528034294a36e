#include "parity/pyjson/to_json.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <pybind11/embed.h>
#include <catch2/catch.hpp>

namespace py = pybind11;
using nlohmann::json;
using parity::pyjson::Converted;
using parity::pyjson::to_json;

namespace {

/// Runs `code` and returns the conversion of its variable `value`.
Converted convert(const char* code) {
    py::dict scope;
    py::exec(code, scope);
    return to_json(scope["value"]);
}

Converted convert_expression(const char* expression) {
    return to_json(py::eval(expression));
}

std::vector<std::string> pointers(const Converted& converted) {
    std::vector<std::string> result;
    for (const auto& note : converted.notes) {
        result.push_back(note.pointer);
    }
    return result;
}

std::uint64_t bits(double value) {
    return std::bit_cast<std::uint64_t>(value);
}

}  // namespace

TEST_CASE("None and bool", "[pyjson]") {
    CHECK(convert_expression("None").value.is_null());
    const auto truth = convert_expression("True").value;
    CHECK(truth.is_boolean());
    CHECK(truth == true);
    CHECK(convert_expression("[False]").value == json::array({false}));
    CHECK(convert_expression("[None, True]").notes.empty());
}

TEST_CASE("ints that fit 64 bits", "[pyjson][int]") {
    const auto converted = convert_expression("[0, -1, 2**63 - 1, -2**63, 2**63, 2**64 - 1]");
    const auto& array = converted.value;
    INFO(array.dump());
    CHECK(converted.notes.empty());
    CHECK(array[0].is_number_integer());
    CHECK(array[0].get<std::int64_t>() == 0);
    CHECK(array[1].get<std::int64_t>() == -1);
    CHECK(array[2].get<std::int64_t>() == std::numeric_limits<std::int64_t>::max());
    CHECK_FALSE(array[2].is_number_unsigned());
    CHECK(array[3].get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
    CHECK(array[4].is_number_unsigned());
    CHECK(array[4].get<std::uint64_t>() == std::uint64_t{1} << 63);
    CHECK(array[5].is_number_unsigned());
    CHECK(array[5].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
}

TEST_CASE("ints beyond 64 bits, both signs", "[pyjson][int]") {
    const auto converted = convert_expression("[2**64, -2**63 - 1, -(10**30)]");
    CHECK(converted.value == json::parse(R"([{"$bigint": "18446744073709551616"},
                                             {"$bigint": "-9223372036854775809"},
                                             {"$bigint": "-1000000000000000000000000000000"}])"));
    CHECK(pointers(converted) == std::vector<std::string>{"/0", "/1", "/2"});
    CHECK(converted.notes[0].message.find("64 bits") != std::string::npos);
}

TEST_CASE("an int too long for decimal str() is written in hex", "[pyjson][int]") {
    const auto converted = convert_expression("16**5000");
    const auto digits = converted.value.at("$bigint").get<std::string>();
    CHECK(digits.substr(0, 3) == "0x1");
    CHECK(digits.size() == 5003);
    REQUIRE(converted.notes.size() == 1);
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("floats keep their bits: NaN payloads, infinities, -0.0, subnormals", "[pyjson][float]") {
    const auto converted = convert(R"(
import struct
payload_nan = struct.unpack('<d', bytes.fromhex('0100000000f8ff7f'))[0]
value = [1.5, float('nan'), payload_nan, float('inf'), float('-inf'), -0.0, 5e-324, 0.1]
)");
    const auto& array = converted.value;
    CHECK(converted.notes.empty());
    CHECK(array[0].get<double>() == 1.5);
    CHECK(std::isnan(array[1].get<double>()));
    CHECK(bits(array[2].get<double>()) == 0x7ffff80000000001ULL);
    CHECK(array[3].get<double>() == std::numeric_limits<double>::infinity());
    CHECK(array[4].get<double>() == -std::numeric_limits<double>::infinity());
    CHECK(bits(array[5].get<double>()) == bits(-0.0));
    CHECK(bits(array[6].get<double>()) == 1);
    CHECK(array[7].get<double>() == 0.1);
    for (const auto& item : array) {
        CHECK(item.is_number_float());
    }
}

TEST_CASE("str as UTF-8", "[pyjson][str]") {
    const auto converted = convert_expression(R"(["", "plain", "caf\u00e9 \U0001F600"])");
    CHECK(converted.value == json::array({"", "plain", "caf\xC3\xA9 \xF0\x9F\x98\x80"}));
    CHECK(converted.notes.empty());
}

TEST_CASE("str with lone surrogates, high and low", "[pyjson][str]") {
    const auto converted = convert_expression(R"({"k": ["ok", "a\ud83db", "\udc80"]})");
    CHECK(converted.value == json::parse(R"({"k": ["ok", {"$str_with_surrogates": "a\\ud83db"},
                                                        {"$str_with_surrogates": "\\udc80"}]})"));
    CHECK(pointers(converted) == std::vector<std::string>{"/k/1", "/k/2"});
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("bytes as hex", "[pyjson]") {
    const auto converted = convert_expression(R"([b"\x00\xffA", b""])");
    CHECK(converted.value == json::parse(R"([{"$bytes": "00ff41"}, {"$bytes": ""}])"));
    CHECK(pointers(converted) == std::vector<std::string>{"/0", "/1"});
}

TEST_CASE("lists and tuples are arrays", "[pyjson]") {
    const auto converted = convert_expression("(1, [2, (3,)], ())");
    CHECK(converted.value == json::parse("[1, [2, [3]], []]"));
    CHECK(converted.notes.empty());
}

TEST_CASE("dict keys as json.dumps writes them", "[pyjson][dict]") {
    const auto converted = convert_expression(
        R"({"s": 0, 5: 1, -2**70: 2, 1.5: 3, float("nan"): 4, float("-inf"): 5, )"
        R"(True: 6, None: 7, 1e100: 8})");
    CHECK(converted.value == json::parse(R"({"s": 0, "5": 1, "-1180591620717411303424": 2, "1.5": 3, "NaN": 4,
                                            "-Infinity": 5, "true": 6, "null": 7, "1e+100": 8})"));
    CHECK(converted.notes.size() == 8);
}

TEST_CASE("dict keys of other types are written as their repr", "[pyjson][dict]") {
    const auto converted = convert_expression(R"({(1, "a"): "t", frozenset(): 2})");
    CHECK(converted.value == json::parse(R"json({"(1, 'a')": "t", "frozenset()": 2})json"));
    REQUIRE(converted.notes.size() == 2);
    CHECK(converted.notes[0].message.find("tuple") != std::string::npos);
}

TEST_CASE("dict keys with surrogates are escaped, colliding keys noted", "[pyjson][dict]") {
    const auto converted = convert_expression(R"({"k\udc80": 1, 1: "a", "1": "b"})");
    CHECK(converted.value == json::parse(R"({"k\\udc80": 1, "1": "b"})"));
    CHECK(pointers(converted) == std::vector<std::string>{"/k\\udc80", "/1", "/1"});
}

TEST_CASE("note pointers escape / and ~ in keys", "[pyjson][pointer]") {
    const auto converted = convert_expression(R"({"a/b": {"c~d": [1, 2**70]}, "~/": b"x", "": {"": b""}})");
    CHECK(pointers(converted) == std::vector<std::string>{"/a~1b/c~0d/1", "/~0~1", "//"});
}

TEST_CASE("subclasses convert as their base", "[pyjson][subclass]") {
    const auto converted = convert(R"(
import collections, enum
class S(str):
    def __str__(self): return "not me"
class I(int):
    def __str__(self): return "not me"
    def __repr__(self): return "not me"
class F(float): pass
class L(list): pass
class D(dict): pass
class Color(enum.IntEnum):
    RED = 7
Point = collections.namedtuple("Point", "x y")
value = D(s=S("text"), i=I(2**70), f=F(2.5), l=L([I(1)]), e=Color.RED, p=Point(1, 2),
          o=collections.OrderedDict(z=1), small=I(-4))
)");
    CHECK(converted.value ==
          json::parse(R"({"s": "text", "i": {"$bigint": "1180591620717411303424"}, "f": 2.5,
                                            "l": [1], "e": 7, "p": [1, 2], "o": {"z": 1}, "small": -4})"));
    CHECK(pointers(converted) == std::vector<std::string>{"/i"});
}

TEST_CASE("unsupported types give their qualname and a short repr", "[pyjson][unsupported]") {
    const auto converted = convert(R"(
import dataclasses, decimal
@dataclasses.dataclass
class Row:
    name: str
class Long:
    def __repr__(self): return "x" * 500
class Broken:
    def __repr__(self): raise KeyError("nope")
value = [Row("a"), {3}, decimal.Decimal("1.10"), Long(), Broken()]
)");
    const auto& array = converted.value;
    CHECK(array[0] == json::parse(R"json({"$unsupported": "Row", "repr": "Row(name='a')"})json"));
    CHECK(array[1] == json::parse(R"({"$unsupported": "set", "repr": "{3}"})"));
    CHECK(array[2] == json::parse(R"json({"$unsupported": "Decimal", "repr": "Decimal('1.10')"})json"));
    CHECK(array[3]["repr"] == std::string(200, 'x'));
    CHECK(array[4]["repr"].get<std::string>().find("<repr() failed: KeyError") == 0);
    CHECK(pointers(converted) == std::vector<std::string>{"/0", "/1", "/2", "/3", "/4"});
    CHECK(converted.notes[2].message.find("decimal.Decimal") != std::string::npos);
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("a repr that empties the list being converted does not crash", "[pyjson][unsupported]") {
    const auto converted = convert(R"(
class Evil:
    def __repr__(self):
        value.clear()
        return "evil"
value = [Evil(), 1, 2, 3]
)");
    CHECK(converted.value == json::parse(R"([{"$unsupported": "Evil", "repr": "evil"}])"));
}

TEST_CASE("cycles are cut, shared references are not cycles", "[pyjson][cycle]") {
    const auto converted = convert(R"(
shared = [1]
loop = [0]
loop.append(loop)
d = {}
d["self"] = [d]
value = [shared, shared, loop, d]
)");
    CHECK(converted.value ==
          json::parse(R"([[1], [1], [0, {"$cycle": true}], {"self": [{"$cycle": true}]}])"));
    CHECK(pointers(converted) == std::vector<std::string>{"/2/1", "/3/self/0"});
}

TEST_CASE("nesting beyond the maximum depth is cut", "[pyjson][depth]") {
    constexpr int depth = parity::pyjson::max_conversion_depth;
    py::list deepest;
    py::list root = deepest;
    for (int i = 0; i < depth + 5; ++i) {
        py::list outer;
        outer.append(root);
        root = outer;
    }
    const auto converted = to_json(root);
    REQUIRE(converted.notes.size() == 1);
    const json* node = &converted.value;
    for (int i = 0; i < depth; ++i) {
        REQUIRE(node->is_array());
        node = &(*node)[0];
    }
    CHECK(*node == json::parse(R"({"$too_deep": true})"));
    CHECK(converted.notes[0].pointer.size() == 2 * static_cast<std::size_t>(depth));

    py::list at_limit;
    for (int i = 0; i < depth - 1; ++i) {
        py::list outer;
        outer.append(at_limit);
        at_limit = outer;
    }
    CHECK(to_json(at_limit).notes.empty());
}

TEST_CASE("a str longer than the limit is written as its summary, without a copy", "[pyjson][limits]") {
    const py::object huge = py::eval("'x' * 1_000_000 + 'é'");
    const auto converted = parity::pyjson::to_json(huge, parity::pyjson::ConversionLimits{4096});
    REQUIRE(converted.value.is_object());
    CHECK(converted.value["$summary"] == "string");
    CHECK(converted.value["bytes"] == 1'000'002);
    CHECK(converted.value["tail"].get<std::string>().ends_with("xé"));
    CHECK(converted.summarised_strings == 1);
    REQUIRE(converted.notes.size() == 1);
    CHECK(converted.notes[0].pointer.empty());
}

TEST_CASE("strings within the limit, and without one, are converted whole", "[pyjson][limits]") {
    const py::object value = py::eval("['x' * 4096, 'y' * 5000]");
    const auto limited = parity::pyjson::to_json(value, parity::pyjson::ConversionLimits{4096});
    CHECK(limited.value[0] == std::string(4096, 'x'));
    CHECK(limited.value[1]["$summary"] == "string");
    CHECK(limited.notes.size() == 1);
    CHECK(limited.notes[0].pointer == "/1");
    CHECK(to_json(value).value[1] == std::string(5000, 'y'));
}

TEST_CASE("a long str with lone surrogates is converted whole, tagged", "[pyjson][limits]") {
    const py::object value = py::eval("'a' * 5000 + '\\udc80'");
    const auto converted = parity::pyjson::to_json(value, parity::pyjson::ConversionLimits{1000});
    CHECK(converted.value.contains("$str_with_surrogates"));
    CHECK(converted.summarised_strings == 0);
}
