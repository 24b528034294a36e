#pragma once

// A checked scoring model (docs/scoring.md section 1.1). The checks happen where the model enters (the
// binding, on the decoded JSON document); this struct only carries checked values.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "parity/scoring/features.hpp"

namespace parity::scoring {

/// Hash and equality that let a std::string-keyed map be probed with a std::string_view.
struct TransparentStringHash {
    using is_transparent = void;
    [[nodiscard]] std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

struct Thresholds {
    double review = 0.5;
    double decline = 0.85;
};

struct Model {
    std::string version;
    double intercept = 0.0;
    /// One weight per feature, indexed by Feature.
    FeatureVector weights{};
    Thresholds thresholds;
    /// Keyed by the merchant category code's code points in UTF-8, a lone surrogate encoded as Python's
    /// "surrogatepass" error handler does: equal keys are equal strings, code point for code point.
    std::unordered_map<std::string, double, TransparentStringHash, std::equal_to<>> mcc_risk;
    double mcc_risk_default = 0.0;

    /// `mcc_risk[mcc]` when present, else `mcc_risk_default` (feature 14).
    ///
    ///     Model m; m.mcc_risk.emplace("7995", 1.6); m.mcc_risk_of("7995") == 1.6
    [[nodiscard]] double mcc_risk_of(std::string_view mcc) const {
        const auto found = mcc_risk.find(mcc);
        return found == mcc_risk.end() ? mcc_risk_default : found->second;
    }
};

}  // namespace parity::scoring
