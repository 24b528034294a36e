#include "time_order.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>

namespace parity::scoring::detail {

// Positions number history before transactions, each list in input order, so the key
// (t_ms, source, index) orders exactly as (t_ms, position) does: one sort of plain pairs, held
// contiguously (no indirection to the events while sorting). Recorded traffic usually arrives in time
// order already: that case costs one pass and no sort.
std::vector<EventPosition> time_order(std::span<const Event> history, std::span<const Event> transactions) {
    constexpr std::size_t max_events = std::numeric_limits<EventPosition>::max();
    if (history.size() + transactions.size() > max_events) {
        throw std::invalid_argument("scoring: more events than an EventPosition can number");
    }
    std::vector<std::pair<std::int64_t, EventPosition>> keys;
    keys.reserve(history.size() + transactions.size());
    for (const Event& event : history) {
        keys.emplace_back(event.t_ms, static_cast<EventPosition>(keys.size()));
    }
    for (const Event& event : transactions) {
        keys.emplace_back(event.t_ms, static_cast<EventPosition>(keys.size()));
    }
    if (!std::is_sorted(keys.begin(), keys.end())) {
        std::sort(keys.begin(), keys.end());
    }
    std::vector<EventPosition> order(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        order[i] = keys[i].second;
    }
    return order;
}

}  // namespace parity::scoring::detail
