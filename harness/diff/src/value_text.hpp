#pragma once

// Values as they appear in Difference::detail: one short line each.
//
//     value_text(0.91) == "0.91";  value_text(json::array({1, 2})) == "[…] (2 elements)"

#include <string>

#include <nlohmann/json.hpp>

namespace parity::diff {

/// Scalars are shown this many bytes long at most (cut at a character boundary, then "…").
inline constexpr std::size_t shown_bytes = 120;

/// A scalar as JSON (NaN and infinities by name); containers by their size only, since they may be
/// large or deep. `ascii` escapes non-ASCII characters, to show strings that look alike.
[[nodiscard]] std::string value_text(const nlohmann::json& value, bool ascii = false);

}  // namespace parity::diff
