#include "feature_walk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "card_timelines.hpp"
#include "haversine.hpp"
#include "hour_histogram.hpp"
#include "sliding_window.hpp"
#include "time_order.hpp"
#include "welford.hpp"

namespace parity::scoring::detail {
namespace {

constexpr double max_speed_kmh = 20000.0;
constexpr double ms_per_hour_double = 3600000.0;

/// What the walk keeps per card.
struct CardState {
    SlidingWindow hour;
    SlidingWindow day;
    /// The card's events added so far: the next one's index in its timeline.
    std::uint32_t added = 0;
    /// Distinct merchants in the 24-hour window.
    std::uint32_t day_merchants = 0;
    bool has_last_location = false;
    double last_lat = 0.0;
    double last_lon = 0.0;
    std::int64_t last_t_ms = 0;
};

/// Each mcc id's risk, looked up in the model once per distinct code rather than once per transaction.
std::vector<double> mcc_risk_table(const Model& model, const Request& request) {
    std::vector<double> risks;
    risks.reserve(request.mcc_names.size());
    for (const std::string& mcc : request.mcc_names) {
        risks.push_back(model.mcc_risk_of(mcc));
    }
    return risks;
}

/// How many ids of each numbering the request uses (one past the largest), after checking that the ids
/// are dense as request.hpp requires: a card, merchant or device id is below the number of events (so
/// the per-id arrays stay as small as the request), an mcc id an index of mcc_names.
struct IdCounts {
    std::size_t cards = 0;
    std::size_t merchants = 0;
    std::size_t devices = 0;
};

IdCounts id_counts(const Request& request) {
    const std::size_t events = request.history.size() + request.transactions.size();
    IdCounts counts;
    const auto visit = [&](const Event& event, const char* list, std::size_t index) {
        const bool device_ok = event.device == no_device || event.device < events;
        if (event.card >= events || event.merchant >= events || !device_ok ||
            event.mcc >= request.mcc_names.size()) {
            throw std::invalid_argument(std::string("scoring: ") + list + "[" + std::to_string(index) +
                                        "] has an id outside its dense numbering");
        }
        counts.cards = std::max(counts.cards, std::size_t{event.card} + 1);
        counts.merchants = std::max(counts.merchants, std::size_t{event.merchant} + 1);
        if (event.device != no_device) {
            counts.devices = std::max(counts.devices, std::size_t{event.device} + 1);
        }
    };
    for (std::size_t i = 0; i < request.history.size(); ++i) {
        visit(request.history[i], "history", i);
    }
    for (std::size_t i = 0; i < request.transactions.size(); ++i) {
        visit(request.transactions[i], "transactions", i);
    }
    return counts;
}

/// distance_km and speed_kmh (features 9 and 10).
void location_features(const CardState& card, const Event& x, FeatureVector& features) {
    if (!x.has_location || !card.has_last_location) {
        features[index_of(Feature::distance_km)] = 0.0;
        features[index_of(Feature::speed_kmh)] = 0.0;
        return;
    }
    const double distance = haversine_km(card.last_lat, card.last_lon, x.lat, x.lon);
    const std::int64_t dt = x.t_ms - card.last_t_ms;
    double speed = 0.0;
    if (dt > 0) {
        // std::min(v, 20000.0) is Python's min(v, 20000.0): `20000.0 < v ? 20000.0 : v`.
        speed = std::min(distance / (static_cast<double>(dt) / ms_per_hour_double), max_speed_kmh);
    } else if (distance > 0.0) {
        speed = max_speed_kmh;
    }
    features[index_of(Feature::distance_km)] = distance;
    features[index_of(Feature::speed_kmh)] = speed;
}

}  // namespace

void walk_features(const Model& model, const Request& request, const FeatureSink& sink) {
    const std::vector<double> mcc_risks = mcc_risk_table(model, request);
    const IdCounts counts = id_counts(request);
    const std::size_t history_size = request.history.size();

    // The events copied into processing order once, so that the walk reads them in sequence.
    const std::vector<EventPosition> order = time_order(request.history, request.transactions);
    std::vector<Event> events;
    events.reserve(order.size());
    for (const EventPosition position : order) {
        events.push_back(position < history_size ? request.history[position]
                                                 : request.transactions[position - history_size]);
    }
    const CardTimelines timelines(events, counts.cards, counts.merchants);

    std::vector<CardState> cards(counts.cards);
    std::vector<std::uint32_t> pair_counts(timelines.pair_count(), 0);
    std::vector<std::uint8_t> devices_seen(counts.devices, 0);
    Welford amounts;
    HourHistogram hours;

    // How many events ahead the walk asks for a card's state: cards come in no particular order, so each
    // event's card state would otherwise be a cache miss the walk waits for.
    constexpr std::size_t prefetch_distance = 8;
    FeatureVector features{};
    for (std::size_t step = 0; step < events.size(); ++step) {
        if (step + prefetch_distance < events.size()) {
            __builtin_prefetch(&cards[events[step + prefetch_distance].card]);
        }
        const Event& x = events[step];
        const bool is_transaction = order[step] >= history_size;
        CardState& card = cards[x.card];
        const std::span<const TimelineEvent> timeline = timelines.of(x.card);
        card.hour.evict(timeline, card.added, x.t_ms, hour_window_ms, [](const TimelineEvent&) {});
        card.day.evict(timeline, card.added, x.t_ms, day_window_ms, [&](const TimelineEvent& gone) {
            if (--pair_counts[gone.pair] == 0) {
                --card.day_merchants;
            }
        });
        const std::uint32_t pair = timeline[card.added].pair;

        if (is_transaction) {
            features[index_of(Feature::amount_z)] = amounts.z_score(x.amount);
            features[index_of(Feature::log_amount)] = std::log1p(std::fabs(x.amount));
            features[index_of(Feature::is_refund)] = x.amount < 0.0 ? 1.0 : 0.0;
            features[index_of(Feature::velocity_1h_count)] = static_cast<double>(card.hour.count(card.added));
            features[index_of(Feature::velocity_1h_sum)] = card.hour.sum;
            features[index_of(Feature::velocity_24h_count)] = static_cast<double>(card.day.count(card.added));
            features[index_of(Feature::velocity_24h_sum)] = card.day.sum;
            features[index_of(Feature::merchants_24h)] =
                static_cast<double>(card.day_merchants + (pair_counts[pair] == 0 ? 1U : 0U));
            location_features(card, x, features);
            features[index_of(Feature::country_mismatch)] = x.country != request.home_country ? 1.0 : 0.0;
            features[index_of(Feature::currency_mismatch)] = x.currency != request.home_currency ? 1.0 : 0.0;
            features[index_of(Feature::hour_novelty)] = hours.novelty(x.t_ms);
            features[index_of(Feature::mcc_risk)] = mcc_risks[x.mcc];
            features[index_of(Feature::new_device)] =
                x.device != no_device && devices_seen[x.device] == 0 ? 1.0 : 0.0;
            sink(order[step] - history_size, features);
        }

        // The event joins the state, in the specification's order.
        card.hour.add(x.amount);
        card.day.add(x.amount);
        if (pair_counts[pair]++ == 0) {
            ++card.day_merchants;
        }
        ++card.added;
        amounts.add(x.amount);
        hours.add(x.t_ms);
        if (x.device != no_device) {
            devices_seen[x.device] = 1;
        }
        if (x.has_location) {
            card.has_last_location = true;
            card.last_lat = x.lat;
            card.last_lon = x.lon;
            card.last_t_ms = x.t_ms;
        }
    }
}

}  // namespace parity::scoring::detail
