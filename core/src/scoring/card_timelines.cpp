#include "card_timelines.hpp"

#include <limits>

namespace parity::scoring::detail {

CardTimelines::CardTimelines(std::span<const Event> events, std::size_t card_count,
                             std::size_t merchant_count) {
    offsets_.assign(card_count + 1, 0);
    for (const Event& event : events) {
        ++offsets_[event.card + 1];
    }
    for (std::size_t c = 0; c < card_count; ++c) {
        offsets_[c + 1] += offsets_[c];
    }
    std::vector<std::size_t> next(offsets_.begin(), offsets_.end() - 1);
    std::vector<std::uint32_t> merchants(events.size());
    events_.resize(events.size());
    for (const Event& event : events) {
        const std::size_t slot = next[event.card]++;
        events_[slot] = TimelineEvent{event.t_ms, event.amount, 0};
        merchants[slot] = event.merchant;
    }

    // Pair ids card by card: within one card's slice, a merchant's first event numbers the pair and
    // the later ones find it through `pair_of` (valid while `owner` says this card set it).
    constexpr std::uint32_t nobody = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> owner(merchant_count, nobody);
    std::vector<std::uint32_t> pair_of(merchant_count, 0);
    std::uint32_t pairs = 0;
    for (std::size_t c = 0; c < card_count; ++c) {
        const auto card = static_cast<std::uint32_t>(c);
        for (std::size_t slot = offsets_[c]; slot < offsets_[c + 1]; ++slot) {
            const std::uint32_t merchant = merchants[slot];
            if (owner[merchant] != card) {
                owner[merchant] = card;
                pair_of[merchant] = pairs++;
            }
            events_[slot].pair = pair_of[merchant];
        }
    }
    pair_count_ = pairs;
}

}  // namespace parity::scoring::detail
