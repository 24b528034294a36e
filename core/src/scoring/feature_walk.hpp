#pragma once

// The walk over a request's events in time order (docs/scoring.md sections 2-4): each transaction's
// features from the state the events before it left, then the event added to that state.

#include <cstddef>
#include <functional>

#include "parity/scoring/features.hpp"
#include "parity/scoring/model.hpp"
#include "parity/scoring/request.hpp"

namespace parity::scoring::detail {

/// Called once per transaction, in time order, with its index in request.transactions.
using FeatureSink = std::function<void(std::size_t transaction, const FeatureVector& features)>;

/// Throws std::invalid_argument when an mcc id is not an index of request.mcc_names.
void walk_features(const Model& model, const Request& request, const FeatureSink& sink);

}  // namespace parity::scoring::detail
