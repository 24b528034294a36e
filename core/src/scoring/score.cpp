// Score, decision and reasons of one feature vector (docs/scoring.md section 5), and the kernel's entry
// points over a whole request.

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "feature_walk.hpp"
#include "parity/scoring/scorer.hpp"

namespace parity::scoring {
namespace {

/// 1 / (1 + e^-s) computed so that neither branch overflows.
double logistic(double s) {
    if (s >= 0.0) {
        return 1.0 / (1.0 + std::exp(-s));
    }
    const double e = std::exp(s);
    return e / (1.0 + e);
}

Decision decide(const Thresholds& thresholds, double score) {
    if (score >= thresholds.decline) {
        return Decision::decline;
    }
    if (score >= thresholds.review) {
        return Decision::review;
    }
    return Decision::approve;
}

}  // namespace

Result score_features(const Model& model, const FeatureVector& features) {
    FeatureVector contributions{};
    double s = model.intercept;
    for (std::size_t f = 0; f < feature_count; ++f) {
        contributions[f] = model.weights[f] * features[f];
        s = s + contributions[f];
    }
    Result result;
    result.score = logistic(s);
    result.decision = decide(model.thresholds, result.score);

    // The positive contributions, largest first, equal ones by feature name (code point order).
    std::array<Feature, feature_count> positive{};
    std::size_t positive_count = 0;
    for (std::size_t f = 0; f < feature_count; ++f) {
        if (contributions[f] > 0.0) {
            positive[positive_count++] = static_cast<Feature>(f);
        }
    }
    const auto stronger = [&](Feature a, Feature b) {
        const double ca = contributions[index_of(a)];
        const double cb = contributions[index_of(b)];
        if (ca != cb) {
            return ca > cb;
        }
        return name_of(a) < name_of(b);
    };
    const std::size_t kept = std::min(positive_count, max_reasons);
    std::partial_sort(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(kept),
                      positive.begin() + static_cast<std::ptrdiff_t>(positive_count), stronger);
    std::copy_n(positive.begin(), kept, result.reasons.begin());
    result.reason_count = static_cast<std::uint8_t>(kept);
    return result;
}

std::vector<FeatureVector> compute_features(const Model& model, const Request& request) {
    std::vector<FeatureVector> all(request.transactions.size());
    detail::walk_features(model, request,
                          [&](std::size_t transaction, const FeatureVector& features) { all[transaction] = features; });
    return all;
}

std::vector<Result> score_request(const Model& model, const Request& request) {
    std::vector<Result> results(request.transactions.size());
    detail::walk_features(model, request, [&](std::size_t transaction, const FeatureVector& features) {
        results[transaction] = score_features(model, features);
    });
    return results;
}

}  // namespace parity::scoring
