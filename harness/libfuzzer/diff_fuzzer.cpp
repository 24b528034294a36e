// The diff engine on two JSON documents (a reference's and a candidate's output) and, when the input
// has a third part, the rules that loosen it. Documents that are not JSON, and rules documents Rules::parse
// refuses (RulesError), are not the engine's input and end the run; the diff itself documents no error.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "parity/diff/diff.hpp"
#include "parity/diff/outcome.hpp"
#include "parity/diff/rules.hpp"

namespace {

/// The document, or a discarded value when the text is not JSON.
nlohmann::json parse(std::string_view text) {
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

/// A cap low enough to reach the "stopped after N differences" branch on small inputs.
constexpr std::size_t few_differences = 3;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parts = parity::fuzz::split_parts(parity::fuzz::input_text(data, size), 3);
    if (parts.size() < 2) {
        return 0;
    }
    const auto reference = parse(parts[0]);
    const auto candidate = parse(parts[1]);
    if (reference.is_discarded() || candidate.is_discarded()) {
        return 0;
    }
    parity::diff::Rules rules;
    if (parts.size() == 3) {
        const auto document = parse(parts[2]);
        if (document.is_discarded()) {
            return 0;
        }
        try {
            rules = parity::diff::Rules::parse(document, "rules.json");
        } catch (const parity::diff::RulesError&) {
            return 0;
        }
    }
    for (const auto& difference : parity::diff::diff_values(reference, candidate, rules)) {
        (void)parity::diff::to_string(difference.kind);
    }
    (void)parity::diff::diff_values(reference, candidate, rules, {.max_differences = few_differences});
    // The same documents as exceptions ({"type", "message"}) and as an exception against a value.
    (void)parity::diff::diff_outcomes({.is_error = true, .value = reference},
                                      {.is_error = true, .value = candidate}, rules);
    (void)parity::diff::diff_outcomes({.is_error = true, .value = reference},
                                      parity::diff::Outcome::output(candidate), rules);
    return 0;
}
