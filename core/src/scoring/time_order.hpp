#pragma once

// The order in which a request's events are processed (docs/scoring.md section 2): by the key
// (t_ms, source, index), history (source 0) before transactions (source 1) at equal timestamps, each list
// in its own input order.

#include <cstdint>
#include <span>
#include <vector>

#include "parity/scoring/request.hpp"

namespace parity::scoring::detail {

/// A position in the concatenation history ++ transactions: i < history.size() is history[i], else
/// transactions[i - history.size()].
using EventPosition = std::uint32_t;

/// All positions of history ++ transactions in processing order.
///
///     time_order({h@5}, {t@5, t@1}) == {2, 0, 1}
[[nodiscard]] std::vector<EventPosition> time_order(std::span<const Event> history,
                                                    std::span<const Event> transactions);

}  // namespace parity::scoring::detail
