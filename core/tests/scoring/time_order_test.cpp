#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "scoring/time_order.hpp"

namespace {

using parity::scoring::Event;
using parity::scoring::detail::EventPosition;
using parity::scoring::detail::time_order;

Event at(std::int64_t t_ms) {
    Event event;
    event.t_ms = t_ms;
    return event;
}

/// The order by (t_ms, position) as std::sort gives it: what time_order must equal.
std::vector<EventPosition> sorted_positions(const std::vector<Event>& history,
                                            const std::vector<Event>& transactions) {
    std::vector<std::pair<std::int64_t, EventPosition>> keys;
    for (const Event& event : history) {
        keys.emplace_back(event.t_ms, static_cast<EventPosition>(keys.size()));
    }
    for (const Event& event : transactions) {
        keys.emplace_back(event.t_ms, static_cast<EventPosition>(keys.size()));
    }
    std::sort(keys.begin(), keys.end());
    std::vector<EventPosition> order;
    for (const auto& key : keys) {
        order.push_back(key.second);
    }
    return order;
}

/// `count` events at base + a random offset below `span` (many equal timestamps when span is small).
std::vector<Event> random_events(std::mt19937_64& rng, std::size_t count, std::int64_t base,
                                 std::uint64_t span) {
    std::vector<Event> events;
    for (std::size_t i = 0; i < count; ++i) {
        events.push_back(at(base + static_cast<std::int64_t>(rng() % span)));
    }
    return events;
}

}  // namespace

TEST_CASE("time order: history before transactions at the same millisecond, each in input order") {
    const std::vector<Event> history = {at(5), at(5), at(1)};
    const std::vector<Event> transactions = {at(5), at(1), at(5)};
    // positions: history 0..2, transactions 3..5
    CHECK(time_order(history, transactions) == std::vector<EventPosition>{2, 4, 0, 1, 3, 5});
}

TEST_CASE("time order: unsorted lists sorted stably, negative timestamps first") {
    const std::vector<Event> history = {at(10), at(-3'600'000), at(10)};
    const std::vector<Event> transactions = {at(9), at(-1), at(9), at(11)};
    CHECK(time_order(history, transactions) == std::vector<EventPosition>{1, 4, 3, 5, 0, 2, 6});
}

TEST_CASE("time order: empty lists") {
    CHECK(time_order({}, {}).empty());
    const std::vector<Event> transactions = {at(2), at(1)};
    CHECK(time_order({}, transactions) == std::vector<EventPosition>{1, 0});
    CHECK(time_order(transactions, {}) == std::vector<EventPosition>{1, 0});
}

TEST_CASE("time order: large unsorted lists (radix sorted) equal the (t_ms, position) sort") {
    std::mt19937_64 rng(18);
    constexpr std::int64_t hour = 3'600'000;
    constexpr std::int64_t day = 86'400'000;
    constexpr std::int64_t start = 1'796'637'600'000;
    struct Shape {
        std::int64_t base;
        std::uint64_t span;
    };
    // An hour after 30 days of history; many ties; negative timestamps; the whole checked t_ms range
    // (too wide for the radix passes: std::sort); exactly the radix sort's widest span and one past it.
    const std::vector<Shape> shapes = {{start, hour},
                                       {start, 50},
                                       {-day, 2 * day},
                                       {-62'135'596'800'000, 315'538'070'400'000ULL},
                                       {-5, std::uint64_t{1} << 44},
                                       {-5, (std::uint64_t{1} << 44) + 1}};
    for (const Shape& shape : shapes) {
        CAPTURE(shape.base, shape.span);
        std::vector<Event> history =
            random_events(rng, 2000, shape.base - static_cast<std::int64_t>(shape.span / 2), shape.span);
        const std::vector<Event> transactions = random_events(rng, 5000, shape.base, shape.span);
        CHECK(time_order(history, transactions) == sorted_positions(history, transactions));
        std::sort(history.begin(), history.end(),
                  [](const Event& a, const Event& b) { return a.t_ms < b.t_ms; });
        CHECK(time_order(history, transactions) == sorted_positions(history, transactions));
        CHECK(time_order(transactions, {}) == sorted_positions(transactions, {}));
    }
}
