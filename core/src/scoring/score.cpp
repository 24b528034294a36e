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

    // The positive contributions, largest first, equal ones by feature name (code point order): the
    // first max_reasons of that order, kept by insertion as the features are visited.
    const auto stronger = [&](std::size_t a, std::size_t b) {
        if (contributions[a] != contributions[b]) {
            return contributions[a] > contributions[b];
        }
        return feature_names[a] < feature_names[b];
    };
    std::array<std::size_t, max_reasons> kept{};
    std::size_t kept_count = 0;
    for (std::size_t f = 0; f < feature_count; ++f) {
        if (!(contributions[f] > 0.0)) {
            continue;
        }
        std::size_t i = kept_count < max_reasons ? kept_count++ : max_reasons;
        if (i == max_reasons) {
            if (!stronger(f, kept[max_reasons - 1])) {
                continue;
            }
            i = max_reasons - 1;
        }
        while (i > 0 && stronger(f, kept[i - 1])) {
            kept[i] = kept[i - 1];
            --i;
        }
        kept[i] = f;
    }
    for (std::size_t i = 0; i < kept_count; ++i) {
        result.reasons[i] = static_cast<Feature>(kept[i]);
    }
    result.reason_count = static_cast<std::uint8_t>(kept_count);
    return result;
}

std::vector<FeatureVector> compute_features(const Model& model, const Request& request) {
    std::vector<FeatureVector> all(request.transactions.size());
    detail::walk_features(model, request, [&](std::size_t transaction, const FeatureVector& features) {
        all[transaction] = features;
    });
    return all;
}

std::vector<Result> score_request(const Model& model, const Request& request) {
    std::vector<Result> results(request.transactions.size());
    detail::walk_features(model, request, [&](std::size_t transaction, const FeatureVector& features) {
        results[transaction] = score_features(model, features);
    });
    return results;
}

void score_request_each(const Model& model, const Request& request, const ResultSink& sink) {
    detail::walk_features(model, request, [&](std::size_t transaction, const FeatureVector& features) {
        sink(transaction, score_features(model, features));
    });
}

}  // namespace parity::scoring
