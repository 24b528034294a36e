#include "parity/pyjson/same_json.hpp"

#include <string>

#include <pybind11/embed.h>
#include <catch2/catch.hpp>

#include "parity/pyjson/to_json.hpp"

namespace py = pybind11;
using parity::pyjson::same_json;
using parity::pyjson::to_json;

namespace {

/// Runs `code`, which sets `a` and `b`; same_json(a, b), checked against the conversion when true.
bool same(const std::string& code) {
    py::dict scope;
    py::exec(code, scope);
    const bool result = same_json(scope["a"], scope["b"]);
    CHECK_FALSE(PyErr_Occurred());
    if (result) {
        // dump() writes every NaN as null: the engine's strict equality (every NaN equal) exactly.
        INFO(code);
        CHECK(to_json(scope["a"]).value.dump() == to_json(scope["b"]).value.dump());
    }
    return result;
}

}  // namespace

TEST_CASE("same_json: equal JSON values from distinct objects", "[pyjson][same_json]") {
    CHECK(
        same("import json\na = [{'id': 1, 'score': 0.5, 'name': 'Zo\\u00eb', 'ok': True, 'x': None}]\n"
             "b = json.loads(json.dumps(a))"));
    CHECK(same("a = {'a': 1, 'b': [2, 3]}\nb = {'b': [2, 3], 'a': 1}"));  // key order
    CHECK(same("a = (1, [2, (3,)])\nb = [1, (2, [3])]"));                 // tuples are arrays
    CHECK(
        same("a = [2**64, -2**70, 2**63 - 1]\nb = [int(str(2**64)), int(str(-2**70)), int(str(2**63 - 1))]"));
    CHECK(same(
        "import struct\na = float('nan')\nb = struct.unpack('<d', bytes.fromhex('0100000000f8ffff'))[0]"));
    CHECK(same("a = 'a\\udc80'\nb = ''.join(['a', '\\udc80'])"));
    CHECK(same("a = {'\\ud800': 1, '\\\\ud800': 2}\nb = {'\\ud800': 1, '\\\\ud800': 2}"));  // same order
    CHECK(same("a = []\nb = ()"));
}

TEST_CASE("same_json: different values are never the same", "[pyjson][same_json]") {
    CHECK_FALSE(same("a = 0.0\nb = -0.0"));
    CHECK_FALSE(same("a = 1\nb = 1.0"));
    CHECK_FALSE(same("a = True\nb = 1"));
    CHECK_FALSE(same("a = 2**64\nb = 2**64 + 1"));
    CHECK_FALSE(same("a = -2**64\nb = 2**64"));
    CHECK_FALSE(same("a = [1, 2]\nb = [1, 2, 3]"));
    CHECK_FALSE(same("a = {'a': 1}\nb = {'b': 1}"));
    CHECK_FALSE(same("a = {'a': 1, 'b': 2}\nb = {'b': 2, 'c': 1}"));
    CHECK_FALSE(same("a = 'e\\u0301'\nb = '\\u00e9'"));
    CHECK_FALSE(same("a = None\nb = []"));
}

TEST_CASE("same_json: what it leaves to the conversion", "[pyjson][same_json]") {
    CHECK_FALSE(same("a = b'ab'\nb = b'ab'"));        // tagged objects
    CHECK_FALSE(same("a = b = object()"));            // repr may change
    CHECK_FALSE(same("a = {1: 'x'}\nb = {1: 'x'}"));  // keys that are not str
    CHECK_FALSE(same("a = {'\\ud800': 1, '\\\\ud800': 2}\nb = {'\\\\ud800': 2, '\\ud800': 1}"));  // one name
    CHECK_FALSE(same("a = []\na.append(a)\nb = []\nb.append(b)"));                                // cycles
    CHECK_FALSE(same("a = b = []\nfor _ in range(5000):\n    a = [a]\n    b = [b]"));             // deep
    CHECK(same("a = b = []\nfor _ in range(900):\n    a = [a]\n    b = [b]"));
}

TEST_CASE("same_json: subclasses by value, and no Python code runs", "[pyjson][same_json]") {
    const char* classes = R"(
calls = []
class Loud(str):
    def __eq__(self, other):
        calls.append('eq')
        return True
    def __hash__(self):
        calls.append('hash')
        return 0
class LoudInt(int):
    def __eq__(self, other):
        calls.append('eq')
        return True
    __hash__ = int.__hash__
)";
    py::dict scope;
    py::exec(classes, scope);
    const auto check = [&scope](const char* code, bool expected) {
        py::exec(code, scope);
        scope["calls"].attr("clear")();  // building a dict hashes its keys
        INFO(code);
        CHECK(same_json(scope["a"], scope["b"]) == expected);
        CHECK(py::len(scope["calls"]) == 0);
    };
    check("a = Loud('a')\nb = 'b'", false);
    check("a = Loud('a')\nb = 'a'", true);
    check("a = LoudInt(2**70)\nb = 2**70 + 1", false);
    check("a = [LoudInt(2**70)]\nb = [2**70]", true);
    check("a = {Loud('k'): 1, 'x': 2}\nb = {'x': 2, 'k': 1}", false);
    check("a = {'k': 1, 'x': 2}\nb = {'x': 2, Loud('k'): 1}", false);
}
