#pragma once

// Exact equality as the strict diff defines it (types as JSON's, floats by bits with every NaN
// equal, integers by value whatever their C++ type), and a hash consistent with it. Both walk
// iteratively, so a document 10,000 arrays deep does not exhaust the stack.

#include <cstdint>

#include <nlohmann/json.hpp>

namespace parity::diff {

/// 5 == 5u, 1 != 1.0, NaN == NaN, -0.0 != 0.0.
[[nodiscard]] bool same_integer(const nlohmann::json& a, const nlohmann::json& b) noexcept;
[[nodiscard]] bool same_double(double a, double b) noexcept;

/// Whether two values are equal, with no rule applied: then they have no difference under any rule.
[[nodiscard]] bool exactly_equal(const nlohmann::json& a, const nlohmann::json& b);

/// Equal when exactly_equal is (and, rarely, when it is not).
[[nodiscard]] std::uint64_t exact_hash(const nlohmann::json& value);

}  // namespace parity::diff
