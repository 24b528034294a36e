#include "float_tolerance.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

#include "exact_equality.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

// |Δ| is shown to this many significant digits: enough to see how far off, without the noise of
// 0.010000000000000009.
constexpr int delta_digits = 6;
constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

/// The double's position on a line where adjacent doubles are adjacent integers (-0.0 and 0.0 both 0).
std::int64_t ordered_position(double value) noexcept {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    const auto magnitude = static_cast<std::int64_t>(bits & ~sign_bit);
    return (bits & sign_bit) != 0 ? -magnitude : magnitude;
}

// Long double holds every int64 and uint64 exactly on x86-64 (64-bit mantissa) and AArch64 (113).
long double exact_value(const json& number) {
    if (number.is_number_unsigned()) {
        return static_cast<long double>(number.get<std::uint64_t>());
    }
    if (number.is_number_integer()) {
        return static_cast<long double>(number.get<std::int64_t>());
    }
    return static_cast<long double>(number.get<double>());
}

bool numbers_identical(const json& a, const json& b) {
    if (a.is_number_float() && b.is_number_float()) {
        return same_double(a.get<double>(), b.get<double>());
    }
    if (!a.is_number_float() && !b.is_number_float()) {
        return same_integer(a, b);
    }
    return false;
}

std::string format_with_digits(double value, int digits) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::general, digits);
    return std::string(buffer.data(), result.ptr);
}

}  // namespace

std::uint64_t ulps_between(double a, double b) noexcept {
    if (std::isnan(a) || std::isnan(b)) {
        return std::numeric_limits<std::uint64_t>::max();
    }
    const std::int64_t pa = ordered_position(a);
    const std::int64_t pb = ordered_position(b);
    // Two's-complement subtraction in unsigned arithmetic: exact even across the sign.
    return pa >= pb ? static_cast<std::uint64_t>(pa) - static_cast<std::uint64_t>(pb)
                    : static_cast<std::uint64_t>(pb) - static_cast<std::uint64_t>(pa);
}

std::string format_double(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
    }
    return json(value).dump();
}

std::optional<std::string> tolerance_violation(const json& a, const json& b,
                                               const FloatTolerance& tolerance) {
    if (numbers_identical(a, b)) {
        return std::nullopt;
    }
    const long double x = exact_value(a);
    const long double y = exact_value(b);
    if (std::isnan(x) || std::isnan(y)) {
        if (std::isnan(x) && std::isnan(y)) {
            return std::nullopt;
        }
        return std::string("NaN is within no tolerance of a number");
    }
    if (std::isinf(x) || std::isinf(y)) {
        return std::string("an infinity is within no tolerance of anything but itself");
    }
    const long double delta = std::fabs(x - y);
    const long double scale = std::max(std::fabs(x), std::fabs(y));
    const std::uint64_t ulps = ulps_between(static_cast<double>(x), static_cast<double>(y));
    if ((tolerance.abs && delta <= *tolerance.abs) || (tolerance.rel && delta <= *tolerance.rel * scale) ||
        (tolerance.ulps && ulps <= *tolerance.ulps)) {
        return std::nullopt;
    }
    std::string why = "|Δ| = " + format_with_digits(static_cast<double>(delta), delta_digits);
    if (tolerance.abs) {
        why += " > abs " + format_double(*tolerance.abs);
    }
    if (tolerance.rel) {
        why += std::string(tolerance.abs ? "," : "") + " > rel " + format_double(*tolerance.rel) + " × " +
               format_with_digits(static_cast<double>(scale), delta_digits);
    }
    if (tolerance.ulps) {
        why += "; " + std::to_string(ulps) + " ulps > " + std::to_string(*tolerance.ulps);
    }
    return why;
}

}  // namespace parity::diff
