#pragma once

// A card's 1-hour or 24-hour window (docs/scoring.md section 3) over that card's events in time order:
// the window holds the card's events [head, added) of its timeline, so eviction only moves `head`.

#include <cstdint>
#include <span>

#include "card_timelines.hpp"

namespace parity::scoring::detail {

inline constexpr std::int64_t hour_window_ms = 3'600'000;
inline constexpr std::int64_t day_window_ms = 86'400'000;

struct SlidingWindow {
    /// The first of the card's events still in the window (an index into its timeline).
    std::uint32_t head = 0;
    double sum = 0.0;

    /// Evicts, oldest first, every event e of timeline[head, added) with t_ms - e.t_ms >= length_ms,
    /// subtracting its amount and calling on_evict(e); a window emptied so has sum 0.0 exactly.
    template <class OnEvict>
    void evict(std::span<const TimelineEvent> timeline, std::uint32_t added, std::int64_t t_ms,
               std::int64_t length_ms, OnEvict&& on_evict) {
        bool evicted = false;
        while (head < added && t_ms - timeline[head].t_ms >= length_ms) {
            sum = sum - timeline[head].amount;
            on_evict(timeline[head]);
            ++head;
            evicted = true;
        }
        if (evicted && head == added) {
            sum = 0.0;
        }
    }

    void add(double amount) {
        sum = sum + amount;
    }

    [[nodiscard]] std::uint32_t count(std::uint32_t added) const {
        return added - head;
    }
};

}  // namespace parity::scoring::detail
