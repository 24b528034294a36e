#include "haversine.hpp"

#include <algorithm>
#include <cmath>

namespace parity::scoring::detail {
namespace {

// 3.141592653589793 / 180.0: the compiler folds the division of two doubles into the correctly rounded
// quotient, the same double as Python's division gives.
constexpr double degree = 3.141592653589793 / 180.0;

}  // namespace

// Compiled with -ffp-contract=off (parity_target_options): no product is fused into a sum. The libm
// calls are glibc's, the same functions CPython's math module calls. std::min(a, 1.0) is Python's
// min(a, 1.0): `1.0 < a ? 1.0 : a`, NaN included.
double haversine_km(double lat1, double lon1, double lat2, double lon2) {
    const double p1 = lat1 * degree;
    const double p2 = lat2 * degree;
    const double dp = (lat2 - lat1) * degree;
    const double dl = (lon2 - lon1) * degree;
    const double s1 = std::sin(dp / 2.0);
    const double s2 = std::sin(dl / 2.0);
    double a = (s1 * s1) + ((std::cos(p1) * std::cos(p2)) * (s2 * s2));
    a = std::min(a, 1.0);
    return earth_radius_km * (2.0 * std::asin(std::sqrt(a)));
}

}  // namespace parity::scoring::detail
