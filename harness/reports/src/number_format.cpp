#include "number_format.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace parity::reports::detail {
namespace {

/// printf-style formatting into a std::string (the values here are short).
template <typename... Args>
std::string printf_string(const char* format, Args... args) {
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), format, args...);
    return buffer.data();
}

/// Three significant digits, without trailing zeros after the point: 812, 41.6, 4.16.
std::string three_digits(double value) {
    const double magnitude = std::fabs(value);
    if (magnitude >= 100 || magnitude == 0)
        return printf_string("%.0f", value);
    if (magnitude >= 10)
        return printf_string("%.1f", value);
    return printf_string("%.2f", value);
}

}  // namespace

std::string format_duration(double ns) {
    constexpr double ns_per_us = 1e3;
    constexpr double ns_per_ms = 1e6;
    constexpr double ns_per_s = 1e9;
    if (!std::isfinite(ns))
        return "n/a";
    const double magnitude = std::fabs(ns);
    if (magnitude >= ns_per_s)
        return three_digits(ns / ns_per_s) + " s";
    if (magnitude >= ns_per_ms)
        return three_digits(ns / ns_per_ms) + " ms";
    if (magnitude >= ns_per_us)
        return three_digits(ns / ns_per_us) + " µs";
    return printf_string("%.0f ns", ns);
}

std::string format_ratio(double ratio) {
    if (!std::isfinite(ratio))
        return "n/a";
    return three_digits(ratio) + "×";
}

std::string format_percent(double fraction) {
    if (!std::isfinite(fraction))
        return "n/a";
    const double percent = fraction * 100;
    if (percent == 0 || percent == 100 || percent >= 10)
        return printf_string("%.0f%%", percent);
    return printf_string("%.1f%%", percent);
}

std::string format_number(double value, int digits) {
    if (!std::isfinite(value))
        return "n/a";
    return printf_string("%.*g", digits, value);
}

std::string format_bytes(double bytes) {
    constexpr double kib = 1024;
    constexpr double mib = kib * 1024;
    constexpr double gib = mib * 1024;
    if (!std::isfinite(bytes))
        return "n/a";
    const double magnitude = std::fabs(bytes);
    if (magnitude >= gib)
        return printf_string("%.2f GiB", bytes / gib);
    if (magnitude >= mib)
        return printf_string("%.1f MiB", bytes / mib);
    if (magnitude >= kib)
        return printf_string("%.1f KiB", bytes / kib);
    return printf_string("%.0f B", bytes);
}

std::string format_json_number(const nlohmann::json& value) {
    return value.is_number() ? format_number(value.get<double>(), 4) : std::string("—");
}

}  // namespace parity::reports::detail
