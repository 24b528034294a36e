#pragma once

// How values from the data read in every report file: JSON values compactly, and the two sides of
// a difference example with "(absent)" where a side has none.

#include <nlohmann/json.hpp>

#include <string>

#include "parity/replay/report_fields.hpp"

namespace parity::reports::detail {

/// Any JSON value as display text: strings unquoted, everything else compact JSON.
std::string display(const nlohmann::json& value);

/// An example's reference or candidate value as text, "(absent)" where that side has none (the
/// reference of an "extra" difference, the candidate of a "missing" one).
std::string reference_text(const replay::DifferenceExample& example);
std::string candidate_text(const replay::DifferenceExample& example);

}  // namespace parity::reports::detail
