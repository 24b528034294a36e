#pragma once

// The kernel's features (docs/scoring.md section 4): their order, which is also the order of the model's
// weights and of the score's sum, and their names as Python sees them in `FEATURES` and in `reasons`.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace parity::scoring {

enum class Feature : std::uint8_t {
    amount_z,
    log_amount,
    is_refund,
    velocity_1h_count,
    velocity_1h_sum,
    velocity_24h_count,
    velocity_24h_sum,
    merchants_24h,
    distance_km,
    speed_kmh,
    country_mismatch,
    currency_mismatch,
    hour_novelty,
    mcc_risk,
    new_device,
};

inline constexpr std::size_t feature_count = 15;

/// `FEATURES`, in order: feature_names[static_cast<std::size_t>(Feature::speed_kmh)] == "speed_kmh".
inline constexpr std::array<std::string_view, feature_count> feature_names = {
    "amount_z",           "log_amount",        "is_refund",     "velocity_1h_count", "velocity_1h_sum",
    "velocity_24h_count", "velocity_24h_sum",  "merchants_24h", "distance_km",       "speed_kmh",
    "country_mismatch",   "currency_mismatch", "hour_novelty",  "mcc_risk",          "new_device",
};

/// One transaction's feature values, indexed by Feature.
using FeatureVector = std::array<double, feature_count>;

[[nodiscard]] constexpr std::size_t index_of(Feature feature) {
    return static_cast<std::size_t>(feature);
}

[[nodiscard]] constexpr std::string_view name_of(Feature feature) {
    return feature_names[index_of(feature)];
}

}  // namespace parity::scoring
