#include "card_timelines.hpp"

#include <algorithm>
#include <unordered_map>

namespace parity::scoring::detail {
namespace {

constexpr unsigned card_shift = 32;

std::uint64_t pair_key(const Event& event) {
    return (std::uint64_t{event.card} << card_shift) | event.merchant;
}

}  // namespace

CardTimelines::CardTimelines(std::span<const Event> history, std::span<const Event> transactions,
                             std::span<const EventPosition> order) {
    const auto event_at = [&](EventPosition position) -> const Event& {
        return position < history.size() ? history[position] : transactions[position - history.size()];
    };
    std::uint32_t max_card = 0;
    for (const Event& event : history) {
        max_card = std::max(max_card, event.card);
    }
    for (const Event& event : transactions) {
        max_card = std::max(max_card, event.card);
    }
    const std::size_t cards = order.empty() ? 0 : std::size_t{max_card} + 1;

    offsets_.assign(cards + 1, 0);
    for (const EventPosition position : order) {
        ++offsets_[event_at(position).card + 1];
    }
    for (std::size_t c = 0; c < cards; ++c) {
        offsets_[c + 1] += offsets_[c];
    }

    std::vector<std::size_t> next(offsets_.begin(), offsets_.end() - 1);
    events_.resize(order.size());
    std::unordered_map<std::uint64_t, std::uint32_t> pairs;
    pairs.reserve(order.size());
    for (const EventPosition position : order) {
        const Event& event = event_at(position);
        const auto [found, inserted] = pairs.try_emplace(pair_key(event), static_cast<std::uint32_t>(pairs.size()));
        events_[next[event.card]++] = TimelineEvent{event.t_ms, event.amount, found->second};
    }
    pair_count_ = pairs.size();
}

}  // namespace parity::scoring::detail
