#include <catch2/catch.hpp>

#include "parity/fuzz/json_text.hpp"
#include "parity/fuzz/shrinker.hpp"

using parity::fuzz::Input;
using parity::fuzz::python_json_text;

namespace {

bool has_dotted_i(const Input& value) {
    if (value.is_string())
        return value.get<std::string>().find("\xC4\xB0") != std::string::npos;  // U+0130
    if (!value.is_structured())
        return false;
    for (const auto& element : value) {
        if (has_dotted_i(element))
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("shrinking keeps what shows the divergence and drops everything else") {
    const Input input = Input::parse(R"({"config":{"threshold":0.8512,"weights":[1,2,3]},"rows":[
        {"first_name":"Anna","last_name":"Smith","city":"Leeds"},
        {"first_name":"Ömer","last_name":"Yılmaz İnce","city":"İstanbul Beyoğlu"},
        {"first_name":"Bob","last_name":"Jones","city":"York"}]})");
    std::uint64_t calls = 0;
    const auto outcome = parity::fuzz::shrink(
        input,
        [&](const std::vector<Input>& inputs) {
            ++calls;
            std::vector<bool> keeps;
            for (const auto& candidate : inputs)
                keeps.push_back(has_dotted_i(candidate));
            return keeps;
        },
        parity::fuzz::ShrinkLimits{});
    CHECK_FALSE(outcome.limited);
    CHECK(python_json_text(outcome.input) == "{\"rows\":[{\"city\":\"\xC4\xB0\"}]}");
    CHECK(outcome.tests >= calls);
}

TEST_CASE("a number is simplified only as far as the divergence allows") {
    const Input input = Input::parse(R"({"amount":9223372036854775807,"note":"x"})");
    const auto outcome = parity::fuzz::shrink(
        input,
        [](const std::vector<Input>& inputs) {
            std::vector<bool> keeps;
            for (const auto& candidate : inputs) {
                keeps.push_back(candidate.contains("amount") && candidate["amount"].is_number_integer() &&
                                candidate["amount"].get<std::int64_t>() > (std::int64_t{1} << 62));
            }
            return keeps;
        },
        parity::fuzz::ShrinkLimits{});
    CHECK(python_json_text(outcome.input) == R"({"amount":9223372036854775807})");
}

TEST_CASE("shrinking stops at its budget and says so") {
    Input input = Input::object();
    input["rows"] = Input::array();
    for (int i = 0; i < 64; ++i)
        input["rows"].push_back(i);
    const auto outcome = parity::fuzz::shrink(
        input, [](const std::vector<Input>& inputs) { return std::vector<bool>(inputs.size(), false); },
        parity::fuzz::ShrinkLimits{5, std::chrono::milliseconds(60'000), 1});
    CHECK(outcome.limited);
    CHECK(outcome.tests == 5);
    CHECK(outcome.input == input);
}

TEST_CASE("the shrinker's order is shorter text first, then lexical") {
    CHECK(parity::fuzz::smaller("{}", "{\"a\":1}"));
    CHECK(parity::fuzz::smaller("0", "5"));
    CHECK_FALSE(parity::fuzz::smaller("5", "5"));
}
