#pragma once

// Counts of all prior events per UTC hour of the day (docs/scoring.md section 3) and the hour_novelty
// feature (section 4, feature 13).

#include <array>
#include <cstdint>

namespace parity::scoring::detail {

inline constexpr std::int64_t ms_per_hour = 3'600'000;
inline constexpr std::int64_t hours_per_day = 24;

/// Python's a // b and a % b for b > 0: the quotient rounded down, the remainder in [0, b).
[[nodiscard]] constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

[[nodiscard]] constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
    const std::int64_t r = a % b;
    return r < 0 ? r + b : r;
}

/// (t_ms // 3600000) % 24: the UTC hour, also before 1970.
///
///     hour_of(-1) == 23
[[nodiscard]] constexpr int hour_of(std::int64_t t_ms) {
    return static_cast<int>(floor_mod(floor_div(t_ms, ms_per_hour), hours_per_day));
}

class HourHistogram {
  public:
    void add(std::int64_t t_ms) {
        ++hours_[static_cast<std::size_t>(hour_of(t_ms))];
        ++total_;
    }

    /// 1.0 - (hours[h] + 1) / (total + 24): both integers are exact doubles (far below 2^53), so the
    /// division is the correctly rounded quotient, as Python's int / int.
    [[nodiscard]] double novelty(std::int64_t t_ms) const {
        const std::int64_t seen = hours_[static_cast<std::size_t>(hour_of(t_ms))];
        return 1.0 - static_cast<double>(seen + 1) / static_cast<double>(total_ + hours_per_day);
    }

  private:
    std::array<std::int64_t, hours_per_day> hours_{};
    std::int64_t total_ = 0;
};

}  // namespace parity::scoring::detail
