#pragma once

// Helpers for the diff tests: parsing literals, and printing what was found when a check fails.

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/diff/diff.hpp"

namespace parity::diff::test {

inline nlohmann::json parse(std::string_view text) {
    return nlohmann::json::parse(text);
}

/// One line per difference: `kind pointer (pattern; candidate pointer): detail`.
inline std::string show(const std::vector<Difference>& found) {
    std::ostringstream text;
    text << found.size() << " difference(s)";
    for (const Difference& difference : found) {
        text << "\n  " << to_string(difference.kind) << " \"" << difference.pointer << "\" (\""
             << difference.pattern << "\"; \"" << difference.candidate_pointer
             << "\"): " << difference.detail;
    }
    return text.str();
}

/// Only for documents small enough to print (not the deep ones: dump() recurses).
inline std::string show(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace parity::diff::test

/// Prints both inputs and everything found if a check in the enclosing scope fails.
#define PARITY_DIFF_CONTEXT(reference, candidate, found)          \
    INFO("reference: " << ::parity::diff::test::show(reference)); \
    INFO("candidate: " << ::parity::diff::test::show(candidate)); \
    INFO("found: " << ::parity::diff::test::show(found))
