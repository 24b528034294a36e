#include <catch2/catch.hpp>

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
