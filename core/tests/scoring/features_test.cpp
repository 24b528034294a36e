// The kernel's features on small hand-computed requests (docs/scoring.md sections 2-4).

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "helpers/scoring_requests.hpp"
#include "parity/scoring/scorer.hpp"

namespace {

using parity::scoring::Feature;
using parity::scoring::FeatureVector;
using parity::scoring::index_of;
using parity::test::Record;
using parity::test::RequestBuilder;

constexpr std::int64_t hour = 3'600'000;
constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t base = 1'700'000'000'000;

double feature(const FeatureVector& features, Feature which) {
    return features[index_of(which)];
}

std::vector<FeatureVector> features_of(const RequestBuilder& builder) {
    return parity::scoring::compute_features(parity::test::zero_model(), builder.request());
}

Record at(std::int64_t t_ms, double amount) {
    Record record;
    record.t_ms = t_ms;
    record.amount = amount;
    return record;
}

}  // namespace

TEST_CASE("windows: an event exactly one window earlier is out, one millisecond later in, the same ms in") {
    RequestBuilder builder;
    builder.history(at(base - hour, 10.0))
        .history(at(base - hour + 1, 20.0))
        .history(at(base, 40.0))
        .transaction(at(base, 1.0));
    const FeatureVector f = features_of(builder).at(0);
    CHECK(feature(f, Feature::velocity_1h_count) == 2.0);
    CHECK(feature(f, Feature::velocity_1h_sum) == 60.0);
    CHECK(feature(f, Feature::velocity_24h_count) == 3.0);
    CHECK(feature(f, Feature::velocity_24h_sum) == 70.0);
}

TEST_CASE("windows: the 24-hour boundary, and eviction subtracts in order") {
    RequestBuilder builder;
    builder.history(at(base - day, 0.1)).history(at(base - day + 1, 0.2)).transaction(at(base, 1.0));
    const FeatureVector f = features_of(builder).at(0);
    CHECK(feature(f, Feature::velocity_24h_count) == 1.0);
    CHECK(feature(f, Feature::velocity_24h_sum) == (0.1 + 0.2) - 0.1);  // not 0.2
}

TEST_CASE("windows: a window emptied by eviction has sum 0.0 exactly") {
    RequestBuilder builder;
    builder.history(at(base - 2 * day, 0.1)).history(at(base - 2 * day, 0.2)).transaction(at(base, 5.0));
    const FeatureVector f = features_of(builder).at(0);
    CHECK(feature(f, Feature::velocity_1h_count) == 0.0);
    CHECK(feature(f, Feature::velocity_24h_count) == 0.0);
    CHECK(feature(f, Feature::velocity_1h_sum) == 0.0);
    CHECK(feature(f, Feature::velocity_24h_sum) == 0.0);
    CHECK_FALSE(std::signbit(feature(f, Feature::velocity_24h_sum)));
    CHECK((0.1 + 0.2) - 0.1 - 0.2 != 0.0);  // what plain subtraction would have left
}

TEST_CASE(
    "windows are per card, and a transaction sees the earlier transactions, never itself or later ones") {
    RequestBuilder builder;
    Record other = at(base, 100.0);
    other.card = "card-2";
    builder.history(other).transaction(at(base + 2, 3.0)).transaction(at(base + 1, 2.0));
    const std::vector<FeatureVector> all = features_of(builder);
    CHECK(feature(all.at(0), Feature::velocity_1h_count) == 1.0);  // sees the one at base + 1
    CHECK(feature(all.at(0), Feature::velocity_1h_sum) == 2.0);
    CHECK(feature(all.at(1), Feature::velocity_1h_count) == 0.0);
    CHECK(feature(all.at(1), Feature::velocity_1h_sum) == 0.0);
}

TEST_CASE("merchants_24h: distinct merchants in the window, plus one for a new merchant") {
    RequestBuilder builder;
    Record a = at(base - day, 1.0);  // evicted
    a.merchant = "m-old";
    Record b = at(base - 3 * hour, 1.0);
    b.merchant = "m-b";
    Record c = at(base - 2 * hour, 1.0);
    c.merchant = "m-b";
    Record d = at(base - hour, 1.0);
    d.merchant = "m-d";
    Record seen = at(base, 1.0);
    seen.merchant = "m-b";
    Record fresh = at(base, 1.0);
    fresh.merchant = "m-old";
    builder.history(a).history(b).history(c).history(d).transaction(seen).transaction(fresh);
    const std::vector<FeatureVector> all = features_of(builder);
    CHECK(feature(all.at(0), Feature::merchants_24h) == 2.0);
    CHECK(feature(all.at(1), Feature::merchants_24h) == 3.0);  // m-b, m-d, plus m-old
}

TEST_CASE("amount features and the amount z-score over every card's prior events") {
    RequestBuilder builder;
    Record other = at(base, 1.0);
    other.card = "card-9";
    builder.history(other).history(at(base + 1, 2.0)).history(at(base + 2, 3.0)).history(at(base + 3, 4.0));
    builder.transaction(at(base + 4, 10.0)).transaction(at(base + 5, -12.5));
    const std::vector<FeatureVector> all = features_of(builder);
    CHECK(feature(all.at(0), Feature::amount_z) == 0x1.73ce704fb7b23p+2);
    CHECK(feature(all.at(0), Feature::is_refund) == 0.0);
    CHECK(feature(all.at(1), Feature::log_amount) == 0x1.4d24ef844f614p+1);  // log1p(12.5)
    CHECK(feature(all.at(1), Feature::is_refund) == 1.0);
}

TEST_CASE("distance and speed from the card's last location") {
    RequestBuilder builder;
    Record paris = at(base, 1.0);
    paris.location = {48.8566, 2.3522};
    Record no_place = at(base + hour / 2, 1.0);  // without a location: the last one stays Paris
    Record london = at(base + hour, 1.0);
    london.location = {51.5074, -0.1278};
    Record again = at(base + hour, 1.0);
    again.location = {51.5074, -0.1278};
    Record jump = at(base + hour, 1.0);
    jump.location = {48.8566, 2.3522};
    builder.history(paris).history(no_place).transaction(london).transaction(again).transaction(jump);
    const std::vector<FeatureVector> all = features_of(builder);
    const double paris_london = 0x1.578e7911e87a1p+8;
    CHECK(feature(all.at(0), Feature::distance_km) == paris_london);
    CHECK(feature(all.at(0), Feature::speed_kmh) == paris_london / (3600000.0 / 3600000.0));
    CHECK(feature(all.at(1), Feature::distance_km) == 0.0);  // same place, dt 0
    CHECK(feature(all.at(1), Feature::speed_kmh) == 0.0);
    CHECK(feature(all.at(2), Feature::distance_km) > 0.0);  // dt 0, moved
    CHECK(feature(all.at(2), Feature::speed_kmh) == 20000.0);
}

TEST_CASE("no distance without a location on either side") {
    RequestBuilder builder;
    Record first = at(base, 1.0);
    Record placed = at(base + 1, 1.0);
    placed.location = {1.0, 1.0};
    builder.history(first).transaction(placed).transaction(at(base + 2, 1.0));
    const std::vector<FeatureVector> all = features_of(builder);
    CHECK(feature(all.at(0), Feature::distance_km) == 0.0);
    CHECK(feature(all.at(0), Feature::speed_kmh) == 0.0);
    CHECK(feature(all.at(1), Feature::distance_km) == 0.0);
}

TEST_CASE("profile mismatches, mcc risk, devices and hours") {
    parity::scoring::Model model = parity::test::zero_model();
    model.mcc_risk.emplace("7995", 1.6);
    model.mcc_risk_default = 0.2;
    RequestBuilder builder("FR", "EUR");
    Record phone = at(base, 1.0);
    phone.device = "phone";
    Record x = at(base + 1, 1.0);
    x.country = "DE";
    x.mcc = "7995";
    x.device = "phone";
    Record y = at(base + 2, 1.0);
    y.currency = "GBP";
    y.device = "laptop";
    builder.history(phone).transaction(x).transaction(y).transaction(at(base + 3, 1.0));
    const std::vector<FeatureVector> all = parity::scoring::compute_features(model, builder.request());
    CHECK(feature(all.at(0), Feature::country_mismatch) == 1.0);
    CHECK(feature(all.at(0), Feature::currency_mismatch) == 0.0);
    CHECK(feature(all.at(0), Feature::mcc_risk) == 1.6);
    CHECK(feature(all.at(0), Feature::new_device) == 0.0);
    CHECK(feature(all.at(1), Feature::country_mismatch) == 0.0);
    CHECK(feature(all.at(1), Feature::currency_mismatch) == 1.0);
    CHECK(feature(all.at(1), Feature::mcc_risk) == 0.2);
    CHECK(feature(all.at(1), Feature::new_device) == 1.0);
    CHECK(feature(all.at(2), Feature::new_device) == 0.0);  // no device
    // base is 2023-11-14T22:13:20Z: hour 22, seen by the 3 prior events
    CHECK(feature(all.at(2), Feature::hour_novelty) == 1.0 - 4.0 / 27.0);
}

TEST_CASE("an mcc id outside mcc_names is refused") {
    RequestBuilder builder;
    builder.transaction(at(base, 1.0));
    parity::scoring::Request request = builder.request();
    request.transactions[0].mcc = 7;
    CHECK_THROWS_AS(parity::scoring::compute_features(parity::test::zero_model(), request),
                    std::invalid_argument);
}

TEST_CASE("an empty request scores nothing") {
    const RequestBuilder builder;
    CHECK(features_of(builder).empty());
}
