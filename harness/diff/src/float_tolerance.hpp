#pragma once

// Numbers compared under a `float` rule: within ANY of abs, rel and ulps. Integers take part by
// value (1 and 1.0 are equal here); -0.0 and 0.0 are 0 apart by every measure; NaN is equal to NaN
// and to nothing else; an infinity is equal only to itself.
//
//     within_tolerance(0.9, 0.91, {.abs = 0.1})  // std::nullopt: equal
//     within_tolerance(0.9, 0.91, {.abs = 1e-9}) // "|Δ| = 0.01 > abs 1e-09"

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "parity/diff/rules.hpp"

namespace parity::diff {

/// How many doubles lie between a and b (0 for -0.0 and 0.0); UINT64_MAX if either is NaN.
[[nodiscard]] std::uint64_t ulps_between(double a, double b) noexcept;

/// std::nullopt when the numbers `a` and `b` are equal under `tolerance`; else why not, as text for
/// Difference::detail ("|Δ| = 0.01 > abs 1e-09").
[[nodiscard]] std::optional<std::string> tolerance_violation(const nlohmann::json& a, const nlohmann::json& b,
                                                             const FloatTolerance& tolerance);

/// A double as JSON writes it, shortest round trip: "0.1", "1e-09", "-0.0", "NaN", "Infinity".
[[nodiscard]] std::string format_double(double value);

}  // namespace parity::diff
