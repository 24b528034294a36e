#pragma once

// Every card's own events in processing order, all in one array (one slice per card), built once per
// request: the windows then walk a card's slice with two indices instead of keeping queues. Each event
// also carries the dense id of its (card, merchant) pair, so the 24-hour window's per-merchant counts
// are a flat array rather than a map per card.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "parity/scoring/request.hpp"

namespace parity::scoring::detail {

struct TimelineEvent {
    std::int64_t t_ms = 0;
    double amount = 0.0;
    /// Dense id of the event's (card, merchant) pair, < CardTimelines::pair_count().
    std::uint32_t pair = 0;
};

class CardTimelines {
  public:
    /// `events` in processing order; every card id < card_count, every merchant id < merchant_count.
    CardTimelines(std::span<const Event> events, std::size_t card_count, std::size_t merchant_count);

    [[nodiscard]] std::size_t card_count() const {
        return offsets_.size() - 1;
    }

    [[nodiscard]] std::size_t pair_count() const {
        return pair_count_;
    }

    /// Card `card`'s events in processing order.
    [[nodiscard]] std::span<const TimelineEvent> of(std::uint32_t card) const {
        return std::span<const TimelineEvent>(events_).subspan(offsets_[card],
                                                               offsets_[card + 1] - offsets_[card]);
    }

  private:
    std::vector<std::size_t> offsets_;  // card c's slice is events_[offsets_[c], offsets_[c + 1])
    std::vector<TimelineEvent> events_;
    std::size_t pair_count_ = 0;
};

}  // namespace parity::scoring::detail
