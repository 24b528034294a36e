#include "parity/stats/detectable_slowdown.hpp"

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace parity::stats {

double normal_quantile(double p) {
    if (!(p > 0.0 && p < 1.0))
        throw std::invalid_argument("normal_quantile: p must be in (0, 1)");
    // Acklam's rational approximation (relative error < 1.2e-9), then one Halley step on erfc.
    constexpr std::array a{-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                           1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    constexpr std::array b{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                           6.680131188771972e+01, -1.328068155288572e+01};
    constexpr std::array c{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                           -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    constexpr std::array d{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                           3.754408661907416e+00};
    constexpr double tail = 0.02425;
    double x = 0;
    if (p < tail) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - tail) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double minimum_detectable_slowdown(const Interval& ratio, double power) {
    if (!(ratio.low > 0.0 && ratio.low <= ratio.high && std::isfinite(ratio.high)))
        throw std::invalid_argument("minimum_detectable_slowdown: needs 0 < low <= high");
    if (!(ratio.level > 0.0 && ratio.level < 1.0) || !(power > 0.0 && power < 1.0))
        throw std::invalid_argument("minimum_detectable_slowdown: level and power must be in (0, 1)");
    const double z = normal_quantile((1.0 + ratio.level) / 2.0);
    const double standard_error = std::log(ratio.high / ratio.low) / (2.0 * z);
    return std::expm1((z + normal_quantile(power)) * standard_error);
}

}  // namespace parity::stats
