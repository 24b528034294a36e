#pragma once

// The scoring kernel (docs/scoring.md sections 2-6): a request's transactions scored against a model.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "parity/scoring/features.hpp"
#include "parity/scoring/model.hpp"
#include "parity/scoring/request.hpp"

namespace parity::scoring {

enum class Decision : std::uint8_t { approve, review, decline };

inline constexpr std::size_t max_reasons = 3;

struct Result {
    double score = 0.0;
    Decision decision = Decision::approve;
    /// The first reason_count entries are the reasons, strongest first.
    std::array<Feature, max_reasons> reasons{};
    std::uint8_t reason_count = 0;
};

/// Every transaction's features, in the input order of request.transactions. Throws
/// std::invalid_argument when an mcc id is not an index of request.mcc_names.
[[nodiscard]] std::vector<FeatureVector> compute_features(const Model& model, const Request& request);

/// Every transaction's result, in the input order of request.transactions (same exceptions as
/// compute_features).
///
///     score_request(model, request).size() == request.transactions.size()
[[nodiscard]] std::vector<Result> score_request(const Model& model, const Request& request);

/// Called once per transaction with its index in request.transactions and its result.
using ResultSink = std::function<void(std::size_t transaction, const Result& result)>;

/// score_request's results handed to `sink` one by one as the walk computes them, in processing (time)
/// order rather than input order, so that a caller can use the first ones while the walk goes on. Same
/// exceptions as compute_features, and whatever `sink` throws.
void score_request_each(const Model& model, const Request& request, const ResultSink& sink);

/// The score, decision and reasons of one feature vector (section 5).
[[nodiscard]] Result score_features(const Model& model, const FeatureVector& features);

}  // namespace parity::scoring
