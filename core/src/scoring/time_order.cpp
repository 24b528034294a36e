#include "time_order.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>

namespace parity::scoring::detail {
namespace {

using Key = std::pair<std::int64_t, EventPosition>;

/// Bits of t_ms - min sorted per pass, and the most passes the radix sort takes before std::sort is
/// cheaper (a request spanning more than 2^44 ms, ~557 years, is not a real one).
constexpr unsigned radix_bits = 11;
constexpr unsigned max_radix_passes = 4;
/// Below this many events std::sort is about as fast and needs no buckets.
constexpr std::size_t radix_threshold = 1024;

/// Sorts `keys` (positions ascending within equal t_ms, as built) by t_ms: a least-significant-digit
/// radix sort on t_ms - min, stable, so equal timestamps keep their position order and the result is
/// exactly the order of std::sort on (t_ms, position). Returns false, leaving `keys` unchanged, when
/// the timestamps span too many bits for it to pay.
bool radix_sort(std::vector<Key>& keys) {
    const auto [low, high] = std::minmax_element(
        keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.first < b.first; });
    // Both in [t_ms_min, t_ms_max] of the checks or not, the difference of two int64 taken unsigned is
    // the span exactly (modular arithmetic).
    const std::int64_t base = low->first;
    const std::uint64_t span = static_cast<std::uint64_t>(high->first) - static_cast<std::uint64_t>(base);
    const unsigned bits = static_cast<unsigned>(std::bit_width(span));
    const unsigned passes = (bits + radix_bits - 1) / radix_bits;
    if (passes > max_radix_passes) {
        return false;
    }
    constexpr std::size_t buckets = std::size_t{1} << radix_bits;
    constexpr std::uint64_t digit_mask = buckets - 1;
    std::vector<Key> other(keys.size());
    std::array<std::size_t, buckets> counts{};
    for (unsigned pass = 0; pass < passes; ++pass) {
        const unsigned shift = pass * radix_bits;
        const auto digit = [&](const Key& key) {
            return ((static_cast<std::uint64_t>(key.first) - static_cast<std::uint64_t>(base)) >> shift) &
                   digit_mask;
        };
        counts.fill(0);
        for (const Key& key : keys) {
            ++counts[digit(key)];
        }
        std::size_t start = 0;
        for (std::size_t& count : counts) {
            const std::size_t n = count;
            count = start;
            start += n;
        }
        for (const Key& key : keys) {
            other[counts[digit(key)]++] = key;
        }
        keys.swap(other);
    }
    return true;
}

}  // namespace

// Positions number history before transactions, each list in input order, so the key
// (t_ms, source, index) orders exactly as (t_ms, position) does: one sort of plain pairs, held
// contiguously (no indirection to the events while sorting). Recorded traffic usually arrives in time
// order already: that case costs one pass and no sort. Otherwise a stable radix sort on the timestamps
// (a request's span of an hour to a few months is 22 to 34 bits: three or four passes), which keeps
// equal timestamps in position order as the key requires.
std::vector<EventPosition> time_order(std::span<const Event> history, std::span<const Event> transactions) {
    constexpr std::size_t max_events = std::numeric_limits<EventPosition>::max();
    if (history.size() + transactions.size() > max_events) {
        throw std::invalid_argument("scoring: more events than an EventPosition can number");
    }
    std::vector<Key> keys;
    keys.reserve(history.size() + transactions.size());
    for (const Event& event : history) {
        keys.emplace_back(event.t_ms, static_cast<EventPosition>(keys.size()));
    }
    for (const Event& event : transactions) {
        keys.emplace_back(event.t_ms, static_cast<EventPosition>(keys.size()));
    }
    if (!std::is_sorted(keys.begin(), keys.end())) {
        if (keys.size() < radix_threshold || !radix_sort(keys)) {
            std::sort(keys.begin(), keys.end());
        }
    }
    std::vector<EventPosition> order(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        order[i] = keys[i].second;
    }
    return order;
}

}  // namespace parity::scoring::detail
