#pragma once

// Checks shared by Rules(std::vector<Rule>) and Rules::parse, so that rules built in code and rules
// read from a file are held to the same standard and reported in the same words.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parity/diff/rules.hpp"

namespace parity::diff {

/// `rules.json: rule 3 (path "/*/score"): ` (rule numbers are 1-based); without the path part when
/// `path` is null.
[[nodiscard]] std::string rule_error_prefix(std::string_view source_name, std::size_t index,
                                            const std::string* path);

/// What is wrong with a rule's settings (its path is checked by PathPattern::parse), if anything.
[[nodiscard]] std::optional<std::string> rule_problem(const Rule& rule);

}  // namespace parity::diff
