#include <catch2/catch.hpp>

#include <set>

#include "parity/fuzz/input_dictionary.hpp"
#include "parity/fuzz/json_text.hpp"
#include "parity/fuzz/mutator.hpp"

using parity::fuzz::Input;
using parity::fuzz::InputDictionary;
using parity::fuzz::Mutator;
using parity::fuzz::Rng;

namespace {

const char* const recorded =
    R"({"customers":"sha256-0000000000000000000000000000000000000000000000000000000000000000",
    "threshold":0.85,"rows":[{"first_name":"Zoë","last_name":"Straße","city":"Zoe\u0308 \ufb01eld","amount":120,"t_ms":1700000000000},
    {"first_name":"İlker","last_name":"ΟΔΥΣΣΕΥΣ","amount":99.5,"t_ms":1700000003600}]})";

}  // namespace

TEST_CASE("the same seed makes the same mutants") {
    InputDictionary dictionary;
    dictionary.add(Input::parse(recorded));
    const Mutator mutator(dictionary);
    std::vector<std::string> first;
    std::vector<std::string> second;
    for (auto* texts : {&first, &second}) {
        Rng rng(42);
        for (int i = 0; i < 200; ++i) {
            Input input = Input::parse(recorded);
            mutator.mutate(input, rng, 1 + i % 3);
            texts->push_back(parity::fuzz::python_json_text(input));
        }
    }
    CHECK(first == second);
    Rng other(43);
    Input input = Input::parse(recorded);
    mutator.mutate(input, other, 1);
    CHECK(std::set<std::string>(first.begin(), first.end()).size() > 100);  // they do differ from each other
}

TEST_CASE("every mutation is drawn, acts where it says, and never touches a fixture reference") {
    InputDictionary dictionary;
    dictionary.add(Input::parse(recorded));
    const Mutator mutator(dictionary, parity::fuzz::MutatorLimits{200, 50, 1u << 20});
    std::set<std::string> drawn;
    Rng rng(7);
    for (int i = 0; i < 20000; ++i) {
        Input input = Input::parse(recorded);
        const auto applied = mutator.mutate(input, rng, 1);
        for (const auto& mutation : applied) {
            drawn.insert(mutation.name);
            CHECK(mutation.pointer.rfind("/customers", 0) != 0);
        }
        REQUIRE(input.contains("customers"));
        CHECK(input["customers"] == Input::parse(recorded)["customers"]);
        if (applied.empty())
            continue;
        CHECK(parity::fuzz::python_json_text(input) !=
              parity::fuzz::python_json_text(Input::parse(recorded)));
    }
    std::set<std::string> all(Mutator::names().begin(), Mutator::names().end());
    std::set<std::string> missing;
    for (const auto& name : all) {
        if (drawn.count(name) == 0)
            missing.insert(name);
    }
    CAPTURE(missing);
    CHECK(missing.empty());
}

TEST_CASE("numbers seen at a place are probed one off and one ulp off") {
    InputDictionary dictionary;
    dictionary.add(Input::parse(R"({"rows":[{"t_ms":1000},{"t_ms":5000}]})"));
    CHECK(dictionary.numbers("/rows/*/t_ms") == std::vector<Input>{Input(1000), Input(5000)});
    const Mutator mutator(dictionary);
    std::set<std::string> values;
    Rng rng(1);
    for (int i = 0; i < 5000; ++i) {
        Input input = Input::parse(R"({"rows":[{"t_ms":1000}]})");
        const auto applied = mutator.mutate(input, rng, 1);
        if (!applied.empty() && applied.front().name == "number.seen_one_off") {
            values.insert(parity::fuzz::python_json_text(input["rows"][0]["t_ms"]));
        }
    }
    CHECK(values == std::set<std::string>{"999", "1001", "4999", "5001"});
}
