#include "time_order.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <stdexcept>

namespace parity::scoring::detail {
namespace {

/// Positions first..first+events.size() in the stable order of their t_ms (input order at equal ones).
/// Recorded traffic usually arrives in time order already: that case costs one pass.
std::vector<EventPosition> sorted_by_time(std::span<const Event> events, EventPosition first) {
    std::vector<EventPosition> order(events.size());
    std::iota(order.begin(), order.end(), first);
    const bool already_sorted = std::is_sorted(
        events.begin(), events.end(), [](const Event& a, const Event& b) { return a.t_ms < b.t_ms; });
    if (!already_sorted) {
        std::stable_sort(order.begin(), order.end(), [&](EventPosition a, EventPosition b) {
            return events[a - first].t_ms < events[b - first].t_ms;
        });
    }
    return order;
}

}  // namespace

std::vector<EventPosition> time_order(std::span<const Event> history, std::span<const Event> transactions) {
    constexpr std::size_t max_events = std::numeric_limits<EventPosition>::max();
    if (history.size() + transactions.size() > max_events) {
        throw std::invalid_argument("scoring: more events than an EventPosition can number");
    }
    const auto transaction_base = static_cast<EventPosition>(history.size());
    const std::vector<EventPosition> past = sorted_by_time(history, 0);
    const std::vector<EventPosition> current = sorted_by_time(transactions, transaction_base);

    // Merge; at equal t_ms the history event goes first (source 0 < source 1).
    std::vector<EventPosition> order;
    order.reserve(past.size() + current.size());
    std::size_t h = 0;
    std::size_t t = 0;
    while (h < past.size() && t < current.size()) {
        const std::int64_t past_t = history[past[h]].t_ms;
        const std::int64_t current_t = transactions[current[t] - transaction_base].t_ms;
        if (current_t < past_t) {
            order.push_back(current[t++]);
        } else {
            order.push_back(past[h++]);
        }
    }
    order.insert(order.end(), past.begin() + static_cast<std::ptrdiff_t>(h), past.end());
    order.insert(order.end(), current.begin() + static_cast<std::ptrdiff_t>(t), current.end());
    return order;
}

}  // namespace parity::scoring::detail
