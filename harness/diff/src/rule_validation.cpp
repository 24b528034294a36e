#include "rule_validation.hpp"

#include <cmath>

namespace parity::diff {
namespace {

bool is_tolerance(double value) {
    return std::isfinite(value) && value >= 0.0;
}

}  // namespace

std::string rule_error_prefix(std::string_view source_name, std::size_t index, const std::string* path) {
    std::string prefix(source_name);
    prefix += ": rule " + std::to_string(index + 1);
    if (path != nullptr) {
        prefix += " (path " +
                  nlohmann::json(*path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ")";
    }
    return prefix + ": ";
}

std::optional<std::string> rule_problem(const Rule& rule) {
    if (!rule.ignore && !rule.float_tolerance && !rule.array && !rule.unicode && !rule.null_equals_missing) {
        return "sets nothing: give one of \"ignore\", \"float\", \"array\", \"unicode\", "
               "\"null_equals_missing\"";
    }
    if (rule.float_tolerance) {
        const FloatTolerance& tolerance = *rule.float_tolerance;
        if (!tolerance.abs && !tolerance.rel && !tolerance.ulps) {
            return "\"float\" needs at least one of \"abs\", \"rel\", \"ulps\"";
        }
        if (tolerance.abs && !is_tolerance(*tolerance.abs)) {
            return "\"float.abs\" must be a non-negative number";
        }
        if (tolerance.rel && !is_tolerance(*tolerance.rel)) {
            return "\"float.rel\" must be a non-negative number";
        }
    }
    if (rule.array && rule.array->mode == ArrayMode::keyed && rule.array->key.empty()) {
        return "\"array.keyed_by\" must be a non-empty string";
    }
    return std::nullopt;
}

}  // namespace parity::diff
