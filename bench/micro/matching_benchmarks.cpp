// The matcher on real recorded traffic: the bundled corpus corpora/imports-sample (its customer
// fixture and every recorded batch), so the figures are those of the replayed workload.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/core/matching/matcher.hpp"
#include "parity/core/text/utf8.hpp"

namespace {

namespace matching = parity::core::matching;
using Json = nlohmann::json;

const std::filesystem::path corpus_dir =
    std::filesystem::path(PARITY_SOURCE_DIR) / "corpora" / "imports-sample";

matching::RawRecord to_raw(const Json& record) {
    matching::RawRecord raw;
    for (std::size_t i = 0; i < matching::field_count; ++i) {
        const auto value = record.find(std::string(matching::field_names[i]));
        if (value != record.end() && value->is_string()) {
            raw[i] = parity::core::decode_utf8(value->get<std::string>());
        }
    }
    return raw;
}

struct Workload {
    std::vector<std::int64_t> ids;
    std::vector<matching::RawRecord> customers;
    std::vector<std::vector<matching::RawRecord>> batches;
    std::size_t rows = 0;
};

const Workload& workload() {
    static const Workload loaded = [] {
        Workload w;
        std::ifstream requests(corpus_dir / "requests.jsonl");
        if (!requests) {
            throw std::runtime_error("cannot read " + (corpus_dir / "requests.jsonl").string());
        }
        std::string line;
        std::string fixture;
        while (std::getline(requests, line)) {
            const Json request = Json::parse(line);
            fixture = request.at("input").at("customers").get<std::string>();
            std::vector<matching::RawRecord> batch;
            for (const Json& row : request.at("input").at("rows")) {
                batch.push_back(to_raw(row));
            }
            w.rows += batch.size();
            w.batches.push_back(std::move(batch));
        }
        std::ifstream fixture_file(corpus_dir / "fixtures" / (fixture + ".json"));
        const Json snapshot = Json::parse(fixture_file);  // named: the loop must not outlive it
        for (const Json& customer : snapshot.at("customers")) {
            w.ids.push_back(customer.at("id").get<std::int64_t>());
            w.customers.push_back(to_raw(customer));
        }
        return w;
    }();
    return loaded;
}

void BM_MatcherBuildImportsSample(benchmark::State& state) {
    const Workload& w = workload();
    for (auto _ : state) {
        matching::Matcher matcher(w.ids, w.customers, matching::MatchConfig{}, 1);
        benchmark::DoNotOptimize(matcher);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.customers.size()));
}
BENCHMARK(BM_MatcherBuildImportsSample)->Unit(benchmark::kMillisecond);

/// Every recorded batch once per iteration, on `threads` threads; items = rows.
void BM_MatchBatchesImportsSample(benchmark::State& state) {
    const Workload& w = workload();
    const matching::Matcher matcher(w.ids, w.customers, matching::MatchConfig{},
                                    static_cast<unsigned>(state.range(0)));
    for (auto _ : state) {
        for (const auto& batch : w.batches) {
            auto results = matcher.match(batch);
            benchmark::DoNotOptimize(results);
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.rows));
}
BENCHMARK(BM_MatchBatchesImportsSample)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

/// The same rows in batches of 1,000 (the worker's default), where threads pay off.
void BM_MatchLargeBatchImportsSample(benchmark::State& state) {
    const Workload& w = workload();
    std::vector<matching::RawRecord> rows;
    for (const auto& batch : w.batches) {
        rows.insert(rows.end(), batch.begin(), batch.end());
    }
    rows.resize(std::min<std::size_t>(rows.size(), 1000));
    const matching::Matcher matcher(w.ids, w.customers, matching::MatchConfig{},
                                    static_cast<unsigned>(state.range(0)));
    for (auto _ : state) {
        auto results = matcher.match(rows);
        benchmark::DoNotOptimize(results);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows.size()));
}
BENCHMARK(BM_MatchLargeBatchImportsSample)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

/// A synthetic base where names are few and blocks crowded: each row collects up to
/// max_candidates (200) customers, so scoring, not blocking or normalization, dominates.
struct CrowdedWorkload {
    std::vector<std::int64_t> ids;
    std::vector<matching::RawRecord> customers;
    std::vector<matching::RawRecord> rows;
};

const CrowdedWorkload& crowded_workload() {
    static const CrowdedWorkload loaded = [] {
        constexpr std::uint32_t seed = 20240601;
        constexpr std::size_t customer_count = 20000;
        constexpr std::size_t row_count = 200;
        // About 13 first-name and 11 last-name prefixes: 143 "names" blocks of some 140 customers.
        const std::vector<std::u32string> first_names = {
            U"Anna",  U"Anne",  U"Bert",   U"Berta", U"Carl", U"Carla", U"Dora", U"Doris", U"Emil", U"Emma",
            U"Fritz", U"Frida", U"Gustav", U"Greta", U"Hans", U"Hanna", U"Ida",  U"Ines",  U"Jan",  U"Jana"};
        const std::vector<std::u32string> last_names = {
            U"Müller", U"Mueller", U"Schmidt", U"Schmitt", U"Fischer", U"Fisher",   U"Weber",  U"Webber",
            U"Meyer",  U"Maier",   U"Wagner",  U"Becker",  U"Bäcker",  U"Hoffmann", U"Hofmann"};
        const std::vector<std::u32string> streets = {U"Hauptstraße", U"Bahnhofstraße 2", U"Am Markt 10 b",
                                                     U"Flat 2, 10 High Street", U"Rue de la Paix 4"};
        const std::vector<std::u32string> cities = {U"Berlin", U"Bern", U"London", U"Paris", U"Hamburg"};
        std::mt19937 random(seed);
        const auto pick = [&](const std::vector<std::u32string>& pool) {
            return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)];
        };
        // Appended piece by piece: GCC 12 warns (-Wrestrict) on "literal" + std::string temporaries.
        const auto number = [&](std::u32string text, int low, int high, std::u32string_view suffix = U"") {
            const std::string digits = std::to_string(std::uniform_int_distribution<int>(low, high)(random));
            text.append(digits.begin(), digits.end());
            text.append(suffix);
            return text;
        };
        const auto person = [&] {
            matching::RawRecord record;
            record[0] = pick(first_names);
            record[1] = pick(last_names);
            record[2] = number(U"p", 1, 999999, U"@example.org");
            record[4] = number(pick(streets) + U" ", 1, 99);
            record[5] = pick(cities);
            record[7] = number(number(number(U"19", 50, 99, U"-0"), 1, 9, U"-1"), 0, 9);
            return record;
        };
        CrowdedWorkload w;
        for (std::size_t i = 0; i < customer_count; ++i) {
            w.ids.push_back(static_cast<std::int64_t>(i) * 7 + 1);
            w.customers.push_back(person());
        }
        for (std::size_t i = 0; i < row_count; ++i) {
            w.rows.push_back(person());
        }
        return w;
    }();
    return loaded;
}

void BM_MatchCrowdedBlocks(benchmark::State& state) {
    const CrowdedWorkload& w = crowded_workload();
    const matching::Matcher matcher(w.ids, w.customers, matching::MatchConfig{}, 1);
    std::size_t candidates = 0;
    for (auto _ : state) {
        auto results = matcher.match(w.rows);
        candidates = 0;
        for (const auto& result : results) {
            candidates += result.candidates;
        }
        benchmark::DoNotOptimize(results);
    }
    state.counters["candidates_per_row"] =
        static_cast<double>(candidates) / static_cast<double>(w.rows.size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.rows.size()));
}
BENCHMARK(BM_MatchCrowdedBlocks)->Unit(benchmark::kMillisecond);

void BM_NormalizeRecordsImportsSample(benchmark::State& state) {
    const Workload& w = workload();
    for (auto _ : state) {
        for (const auto& batch : w.batches) {
            auto normalized = matching::normalize_records(batch, 1);
            benchmark::DoNotOptimize(normalized);
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.rows));
}
BENCHMARK(BM_NormalizeRecordsImportsSample)->Unit(benchmark::kMillisecond);

}  // namespace
