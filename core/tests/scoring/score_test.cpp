// Score, decision and reasons (docs/scoring.md section 5).

#include <catch2/catch.hpp>

#include <cmath>
#include <string_view>
#include <vector>

#include "helpers/scoring_requests.hpp"
#include "parity/scoring/scorer.hpp"

namespace {

using parity::scoring::Decision;
using parity::scoring::Feature;
using parity::scoring::FeatureVector;
using parity::scoring::index_of;
using parity::scoring::Model;
using parity::scoring::Result;

std::vector<std::string_view> reasons_of(const Result& result) {
    std::vector<std::string_view> names;
    for (std::size_t i = 0; i < result.reason_count; ++i) {
        names.push_back(parity::scoring::name_of(result.reasons[i]));
    }
    return names;
}

}  // namespace

TEST_CASE("score: the logistic of intercept plus contributions, by the branch that cannot overflow") {
    Model model = parity::test::zero_model();
    model.intercept = -6.0;
    model.weights[index_of(Feature::amount_z)] = 0.45;
    FeatureVector features{};
    features[index_of(Feature::amount_z)] = 1.0;
    CHECK(parity::scoring::score_features(model, features).score == 0x1.fb904c44ea492p-9);
    model.intercept = 0.0;
    features[index_of(Feature::amount_z)] = 0.0;
    CHECK(parity::scoring::score_features(model, features).score == 0.5);
    model.intercept = 1000.0;
    CHECK(parity::scoring::score_features(model, features).score == 1.0);
    model.intercept = -1000.0;
    CHECK(parity::scoring::score_features(model, features).score == 0.0);
}

TEST_CASE("decision: a score exactly at a threshold takes the stricter decision") {
    Model model = parity::test::zero_model();  // intercept 0.0: score 0.5
    const FeatureVector none{};
    model.thresholds = {0.5, 0.85};
    CHECK(parity::scoring::score_features(model, none).decision == Decision::review);
    model.thresholds = {0.25, 0.5};
    CHECK(parity::scoring::score_features(model, none).decision == Decision::decline);
    model.thresholds = {0.5, 0.5};
    CHECK(parity::scoring::score_features(model, none).decision == Decision::decline);
    model.thresholds = {0.5000000000000001, 0.9};
    CHECK(parity::scoring::score_features(model, none).decision == Decision::approve);
}

TEST_CASE("reasons: positive contributions, largest first, ties by name, at most three") {
    Model model = parity::test::zero_model();
    for (double& weight : model.weights) {
        weight = 1.0;
    }
    FeatureVector features{};
    features[index_of(Feature::velocity_1h_sum)] = 2.0;
    features[index_of(Feature::amount_z)] = 2.0;
    features[index_of(Feature::new_device)] = 2.0;
    features[index_of(Feature::country_mismatch)] = 2.0;
    features[index_of(Feature::log_amount)] = 3.0;
    features[index_of(Feature::is_refund)] = -5.0;
    CHECK(reasons_of(parity::scoring::score_features(model, features)) ==
          std::vector<std::string_view>{"log_amount", "amount_z", "country_mismatch"});

    FeatureVector two{};
    two[index_of(Feature::speed_kmh)] = 1.0;
    two[index_of(Feature::distance_km)] = 1.0;
    CHECK(reasons_of(parity::scoring::score_features(model, two)) ==
          std::vector<std::string_view>{"distance_km", "speed_kmh"});

    model.weights[index_of(Feature::distance_km)] = -1.0;  // a negative contribution is no reason
    CHECK(reasons_of(parity::scoring::score_features(model, two)) ==
          std::vector<std::string_view>{"speed_kmh"});
    CHECK(parity::scoring::score_features(model, FeatureVector{}).reason_count == 0);
}

TEST_CASE("score_request: results in the input order of the transactions") {
    Model model = parity::test::zero_model();
    model.weights[index_of(Feature::velocity_1h_count)] = 1.0;
    parity::test::RequestBuilder builder;
    parity::test::Record late;
    late.t_ms = 2000;
    parity::test::Record early;
    early.t_ms = 1000;
    builder.transaction(late).transaction(early);
    const std::vector<Result> results = parity::scoring::score_request(model, builder.request());
    REQUIRE(results.size() == 2);
    CHECK(results[0].score == 1.0 / (1.0 + std::exp(-1.0)));  // sees `early`
    CHECK(results[1].score == 0.5);
    CHECK(reasons_of(results[0]) == std::vector<std::string_view>{"velocity_1h_count"});
}

TEST_CASE("score_request_each: every result once, in time order, equal to score_request's") {
    Model model = parity::test::zero_model();
    model.weights[index_of(Feature::velocity_1h_count)] = 1.0;
    model.weights[index_of(Feature::amount_z)] = 0.5;
    parity::test::RequestBuilder builder;
    const std::vector<std::int64_t> times = {5000, 1000, 3000, 1000, 9000, 2000};
    for (std::size_t i = 0; i < times.size(); ++i) {
        parity::test::Record record;
        record.t_ms = times[i];
        record.amount = 10.0 * static_cast<double>(i + 1);
        builder.transaction(record);
    }
    const std::vector<Result> expected = parity::scoring::score_request(model, builder.request());
    std::vector<std::size_t> seen;
    parity::scoring::score_request_each(model, builder.request(),
                                        [&](std::size_t transaction, const Result& result) {
                                            seen.push_back(transaction);
                                            REQUIRE(transaction < expected.size());
                                            CHECK(result.score == expected[transaction].score);
                                            CHECK(result.decision == expected[transaction].decision);
                                            CHECK(reasons_of(result) == reasons_of(expected[transaction]));
                                        });
    CHECK(seen == std::vector<std::size_t>{1, 3, 5, 2, 0, 4});
}
