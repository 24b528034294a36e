#include <catch2/catch.hpp>

#include <set>

#include "parity/reports/benchmark_json.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

namespace {

/// Keys Google Benchmark 1.7 writes, which tools/compare.py and gbench read (name, run_name,
/// run_type, aggregate_name, real_time, cpu_time, time_unit; the indices for sorting).
const std::set<std::string> iteration_keys = {"name",
                                              "family_index",
                                              "per_family_instance_index",
                                              "run_name",
                                              "run_type",
                                              "repetitions",
                                              "repetition_index",
                                              "threads",
                                              "iterations",
                                              "real_time",
                                              "cpu_time",
                                              "time_unit"};
const std::set<std::string> aggregate_keys = {"name",       "family_index",   "per_family_instance_index",
                                              "run_name",   "run_type",       "repetitions",
                                              "threads",    "aggregate_name", "aggregate_unit",
                                              "iterations", "real_time",      "cpu_time",
                                              "time_unit"};

std::set<std::string> keys(const nlohmann::ordered_json& object) {
    std::set<std::string> names;
    for (const auto& [key, value] : object.items())
        names.insert(key);
    return names;
}

}  // namespace

TEST_CASE("benchmark.json has Google Benchmark's context and entries", "[benchmark_json]") {
    const auto json = benchmark_json(load_fixture("matching"));
    const auto& context = json["context"];
    CHECK(context["date"] == "2026-01-02T03:04:05+00:00");
    CHECK(context["num_cpus"] == 2);
    CHECK(context["cpu_scaling_enabled"] == false);
    CHECK(context["library_build_type"] == "release");
    CHECK(context["load_avg"] == nlohmann::json::array({0.5, 0.4, 0.3}));
    CHECK(context["caches"].is_array());

    const auto& benchmarks = json["benchmarks"];
    REQUIRE(benchmarks.size() == 8);
    for (const auto& entry : benchmarks) {
        INFO(entry.dump());
        CHECK(keys(entry) == (entry["run_type"] == "iteration" ? iteration_keys : aggregate_keys));
        CHECK(entry["time_unit"] == "ns");
    }
    CHECK(benchmarks[0]["name"] == "importer.match/reference");
    CHECK(benchmarks[0]["run_type"] == "iteration");
    CHECK(benchmarks[0]["iterations"] == 4);
    CHECK(benchmarks[0]["real_time"] == 4250000.0);  // the mean
    CHECK(benchmarks[0]["cpu_time"] == 4150000.0);
    CHECK(benchmarks[2]["name"] == "importer.match/reference_p95");
    CHECK(benchmarks[2]["aggregate_name"] == "p95");
    CHECK(benchmarks[2]["real_time"] == 5500000.0);
    CHECK(benchmarks[4]["name"] == "importer.match/candidate");
    CHECK(benchmarks[4]["family_index"] == 1);
}

TEST_CASE("benchmark.json from results.jsonl when the replay did not measure latency", "[benchmark_json]") {
    const auto json = benchmark_json(load_fixture("mismatching"));
    const auto& benchmarks = json["benchmarks"];
    REQUIRE(benchmarks.size() == 8);
    CHECK(benchmarks[4]["iterations"] == 4);  // the crashed and timed-out candidate runs are left out
    CHECK(benchmarks[4]["real_time"] == Approx(1750000.0));
}

TEST_CASE("benchmark.json without any timing has no benchmarks", "[benchmark_json]") {
    const auto json = benchmark_json(load_fixture("minimal"));
    CHECK(json["benchmarks"].empty());
    CHECK(json["context"]["cpu_scaling_enabled"] == true);
    CHECK(json["context"]["library_build_type"] == "unknown");
}

TEST_CASE("write_benchmark_json writes valid JSON even from hostile names", "[benchmark_json]") {
    const auto dir = copy_fixture("hostile");
    write_benchmark_json(dir);
    const auto parsed = nlohmann::json::parse(read_text(dir / "benchmark.json"));
    CHECK(parsed["benchmarks"][0]["name"] == "k</title><script>alert(1)</script>/reference");
}

TEST_CASE("benchmark.json has the baseline's entries like the other paths'", "[benchmark_json][baseline]") {
    const auto json = benchmark_json(load_fixture("baseline"));
    CHECK(json["context"]["baseline"] == "importer.adapters:live");
    const auto& benchmarks = json["benchmarks"];
    REQUIRE(benchmarks.size() == 12);
    for (const auto& entry : benchmarks) {
        INFO(entry.dump());
        CHECK(keys(entry) == (entry["run_type"] == "iteration" ? iteration_keys : aggregate_keys));
    }
    CHECK(benchmarks[8]["name"] == "importer.match/baseline");
    CHECK(benchmarks[8]["family_index"] == 2);
    CHECK(benchmarks[8]["iterations"] == 4);
    CHECK(benchmarks[8]["real_time"] == 131000.0);  // the mean
    CHECK(benchmarks[8]["cpu_time"] == 124000.0);
    CHECK(benchmarks[11]["name"] == "importer.match/baseline_p99");
    CHECK(benchmarks[11]["run_name"] == "importer.match/baseline");
    CHECK(benchmarks[11]["real_time"] == 188000.0);
}

TEST_CASE("benchmark.json without a baseline is the benchmark.json of the same run before --baseline",
          "[benchmark_json][baseline]") {
    const auto without = benchmark_json(without_baseline(load_fixture("baseline")));
    CHECK(without == benchmark_json(load_fixture("matching")));
    CHECK(without.dump().find("aseline") == std::string::npos);
}
