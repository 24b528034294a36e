#pragma once

// How durations, ratios and rates read in every report file, so that the Markdown, HTML and
// JUnit outputs of one run show the same numbers.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace parity::reports::detail {

/// A duration in nanoseconds with a unit that keeps 3 significant digits: "812 ns", "4.16 ms".
std::string format_duration(double ns);

/// A speedup ratio: "31.2×", "0.85×".
std::string format_ratio(double ratio);

/// A fraction as a percentage: "12.5%", "100%".
std::string format_percent(double fraction);

/// A plain number with up to `digits` significant digits: "0.0031", "196".
std::string format_number(double value, int digits = 4);

/// " (low–high)" formatted by `format`, or "" when either bound is missing.
template <typename Format>
std::string format_interval(std::optional<double> low, std::optional<double> high, Format format) {
    if (!low || !high)
        return {};
    return " (" + format(*low) + "–" + format(*high) + ")";
}

/// A JSON number with 4 significant digits ("50.33", "0.1005"), anything else as "—".
std::string format_json_number(const nlohmann::json& value);

/// A byte count with a binary unit: "41.0 MiB".
std::string format_bytes(double bytes);

}  // namespace parity::reports::detail
