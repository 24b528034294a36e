// The scoring kernel's core (parity::scoring, docs/scoring.md) on a request shaped like the service's
// large batches: a 30-day history and an hour of transactions over a few thousand cards, fixed seeds.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "parity/scoring/scorer.hpp"

namespace {

namespace scoring = parity::scoring;

constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t start_ms = 1'796'637'600'000;
constexpr std::uint32_t cards = 5'000;
constexpr std::uint32_t merchants = 4'000;
constexpr std::uint32_t mccs = 18;

scoring::Model model() {
    scoring::Model m;
    m.version = "bench";
    m.intercept = -6.2;
    m.weights = {0.08, 0.15, -1.0, 0.35, 0.0005, 0.05, 0.0001, 0.3, 0.0002, 0.0004, 1.2, 0.6, 1.0, 1.0, 1.5};
    m.mcc_risk = {{"5967", 1.8}, {"7995", 1.6}, {"4829", 1.5}, {"6051", 1.4}, {"5411", 0.05}};
    m.mcc_risk_default = 0.3;
    return m;
}

/// An event on one of the first `ids` cards and merchants (ids are dense: fewer than the events).
scoring::Event event(std::mt19937_64& rng, std::int64_t t_ms, std::uint32_t ids) {
    std::uniform_int_distribution<std::uint32_t> card(0, std::min(cards, ids) - 1);
    std::uniform_int_distribution<std::uint32_t> merchant(0, std::min(merchants, ids) - 1);
    std::uniform_int_distribution<std::uint32_t> mcc(0, mccs - 1);
    std::uniform_int_distribution<int> percent(0, 99);
    std::lognormal_distribution<double> amount(3.2, 1.1);
    std::uniform_real_distribution<double> jitter(-0.05, 0.05);
    scoring::Event e;
    e.t_ms = t_ms;
    e.amount = amount(rng);
    e.card = card(rng);
    e.merchant = merchant(rng);
    e.device = percent(rng) < 70 ? (e.card * 3 + static_cast<std::uint32_t>(percent(rng) % 4)) % ids
                                 : scoring::no_device;
    e.country = percent(rng) < 80 ? 0 : 1;
    e.currency = percent(rng) < 90 ? 0 : 1;
    e.mcc = mcc(rng);
    e.has_location = percent(rng) < 80;
    e.lat = 48.8566 + jitter(rng);
    e.lon = 2.3522 + jitter(rng);
    return e;
}

scoring::Request request(std::size_t transactions, std::size_t history, bool sorted_history) {
    std::mt19937_64 rng(18);
    std::uniform_int_distribution<std::int64_t> past(0, 30 * day_ms - 1);
    std::uniform_int_distribution<std::int64_t> now(0, hour_ms - 1);
    scoring::Request r;
    const auto ids = static_cast<std::uint32_t>(transactions + history);
    for (std::size_t i = 0; i < history; ++i) {
        r.history.push_back(event(rng, start_ms - past(rng), ids));
    }
    if (sorted_history) {
        std::sort(r.history.begin(), r.history.end(),
                  [](const scoring::Event& a, const scoring::Event& b) { return a.t_ms < b.t_ms; });
    }
    for (std::size_t i = 0; i < transactions; ++i) {
        r.transactions.push_back(event(rng, start_ms + now(rng), ids));
    }
    const char* codes[mccs] = {"5411", "5812", "5814", "5541", "5311", "4111", "5999", "5912", "7011",
                               "5732", "4829", "5967", "7995", "6051", "5691", "4121", "5045", "1234"};
    r.mcc_names.assign(codes, codes + mccs);
    return r;
}

/// A 50,000-transaction request with a 2,000-event history: the service's largest batch.
void BM_ScoreRequestLargeBatch(benchmark::State& state) {
    const scoring::Model m = model();
    const scoring::Request r = request(50'000, 2'000, true);
    for (auto _ : state) {
        std::vector<scoring::Result> results = scoring::score_request(m, r);
        benchmark::DoNotOptimize(results.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(r.transactions.size()));
}
BENCHMARK(BM_ScoreRequestLargeBatch)->Unit(benchmark::kMillisecond);

/// The same events, all as history: the state updates without features or scores.
void BM_ScoreRequestHistoryOnly(benchmark::State& state) {
    const scoring::Model m = model();
    scoring::Request r = request(50'000, 2'000, true);
    r.history.insert(r.history.end(), r.transactions.begin(), r.transactions.end());
    r.transactions.clear();
    for (auto _ : state) {
        std::vector<scoring::Result> results = scoring::score_request(m, r);
        benchmark::DoNotOptimize(results.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(r.history.size()));
}
BENCHMARK(BM_ScoreRequestHistoryOnly)->Unit(benchmark::kMillisecond);

/// A small request (one transaction after 200 history events), as a single-payment call.
void BM_ScoreRequestSingle(benchmark::State& state) {
    const scoring::Model m = model();
    const scoring::Request r = request(1, 200, false);
    for (auto _ : state) {
        std::vector<scoring::Result> results = scoring::score_request(m, r);
        benchmark::DoNotOptimize(results.data());
    }
}
BENCHMARK(BM_ScoreRequestSingle)->Unit(benchmark::kMicrosecond);

/// score_features alone: the logistic, the decision and the reasons of one vector.
void BM_ScoreFeaturesReasons(benchmark::State& state) {
    const scoring::Model m = model();
    scoring::FeatureVector features = {1.2,  4.1,  0.0, 3.0, 120.5, 7.0, 640.25, 4.0,
                                       12.5, 30.0, 1.0, 0.0, 0.7,   1.8, 1.0};
    for (auto _ : state) {
        benchmark::DoNotOptimize(features.data());
        scoring::Result result = scoring::score_features(m, features);
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_ScoreFeaturesReasons);

}  // namespace
