#pragma once

// The great-circle distance of the distance_km feature (docs/scoring.md section 4), one IEEE operation
// or libm call per line of the specification, so that it gives the reference's bits.

namespace parity::scoring::detail {

inline constexpr double earth_radius_km = 6371.0088;

/// Kilometres from (lat1, lon1) to (lat2, lon2), in degrees.
///
///     haversine_km(0.0, 0.0, 0.0, 0.0) == 0.0
[[nodiscard]] double haversine_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace parity::scoring::detail
