// The matcher on real recorded traffic: the bundled corpus corpora/imports-sample (its customer
// fixture and every recorded batch), so the figures are those of the replayed workload.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/core/matching/matcher.hpp"
#include "parity/core/text/utf8.hpp"

namespace {

namespace matching = parity::core::matching;
using Json = nlohmann::json;

const std::filesystem::path corpus_dir = std::filesystem::path(PARITY_SOURCE_DIR) / "corpora" / "imports-sample";

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
    const matching::Matcher matcher(w.ids, w.customers, matching::MatchConfig{}, static_cast<unsigned>(state.range(0)));
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
    const matching::Matcher matcher(w.ids, w.customers, matching::MatchConfig{}, static_cast<unsigned>(state.range(0)));
    for (auto _ : state) {
        auto results = matcher.match(rows);
        benchmark::DoNotOptimize(results);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows.size()));
}
BENCHMARK(BM_MatchLargeBatchImportsSample)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

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
