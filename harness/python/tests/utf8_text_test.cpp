#include "parity/pyjson/utf8_text.hpp"

#include <stdexcept>

#include <pybind11/embed.h>
#include <catch2/catch.hpp>

namespace py = pybind11;
using parity::pyjson::str_for_message;
using parity::pyjson::utf8_text;

TEST_CASE("utf8_text encodes ordinary str as UTF-8", "[pyjson][utf8]") {
    const py::object text = py::eval(R"("a\u00e9\u20ac\U0001F600")");
    const auto result = utf8_text(text);
    CHECK(result.text == "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    CHECK_FALSE(result.escaped_surrogates);
}

TEST_CASE("utf8_text escapes lone surrogates, high and low", "[pyjson][utf8]") {
    const auto result = utf8_text(py::eval(R"("x\ud800y\udfff\u00e9")"));
    CHECK(result.text == "x\\ud800y\\udfff\xC3\xA9");
    CHECK(result.escaped_surrogates);
}

TEST_CASE("utf8_text rejects non-str", "[pyjson][utf8]") {
    CHECK_THROWS_AS(utf8_text(py::int_(3)), std::invalid_argument);
}

TEST_CASE("str_for_message never fails", "[pyjson][utf8]") {
    py::dict scope;
    py::exec(R"(
class Bad:
    def __str__(self):
        raise RuntimeError("no")
bad = Bad()
err = ValueError("bad \udc80 value")
)",
             scope);
    CHECK(str_for_message(scope["err"]) == "bad \\udc80 value");
    CHECK(str_for_message(scope["bad"]) == "<str() failed: RuntimeError>");
    CHECK_FALSE(PyErr_Occurred());
}
