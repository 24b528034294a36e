#pragma once

// report.json's "latency": paired per-request timings of the two paths summarised, with bootstrap
// intervals, speedups and a significance test (docs/latency.md).

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

/// Order statistics of one path's times, in nanoseconds.
struct TimeSummary {
    std::uint64_t count = 0;
    double min_ns = 0;
    double p50_ns = 0;
    double p90_ns = 0;
    double p95_ns = 0;
    double p99_ns = 0;
    double p999_ns = 0;
    double max_ns = 0;
    double mean_ns = 0;
    double stddev_ns = 0;
};

/// A statistic with its bootstrap confidence interval at `level` (0.95).
struct PercentileInterval {
    double estimate = 0;
    double low = 0;
    double high = 0;
    double level = 0;
};

struct PercentileIntervals {
    PercentileInterval p50_ns;
    PercentileInterval p95_ns;
    PercentileInterval p99_ns;
};

/// parity::stats::LogLinearHistogram as written by its to_json: sparse buckets [lowest_ns, count].
struct HistogramReport {
    int significant_digits = 0;
    std::int64_t highest_trackable_ns = 0;
    std::uint64_t count = 0;
    std::uint64_t clamped_count = 0;
    std::optional<std::int64_t> min_ns;  // null when empty
    std::optional<std::int64_t> max_ns;
    std::vector<std::array<std::uint64_t, 2>> buckets;
};

/// One path's timings: wall, thread CPU and process CPU time per request.
struct PathTimings {
    TimeSummary wall;
    TimeSummary cpu;                         // the thread that called run()
    PercentileIntervals intervals;           // of the wall time
    HistogramReport histogram;               // of the wall time
    std::optional<TimeSummary> process_cpu;  // every thread of the worker; absent in older reports
};

struct LatencyPaths {
    PathTimings reference;
    PathTimings candidate;
    std::optional<PathTimings> baseline;  // with --baseline: the baseline's own runs
};

/// percentile(reference) / percentile(candidate) with its paired bootstrap interval.
struct SpeedupRatio {
    double value = 0;
    double ci_low = 0;
    double ci_high = 0;
};

/// The distribution of per-request ratios reference / candidate.
struct PerRequestSpeedup {
    double median = 0;
    double ci_low = 0;
    double ci_high = 0;
    double min = 0;
    double p5 = 0;
    double p25 = 0;
    double p75 = 0;
    double p95 = 0;
    double max = 0;
};

struct Speedups {
    SpeedupRatio p50;
    SpeedupRatio p95;
    SpeedupRatio p99;
    PerRequestSpeedup per_request;
};

/// With --baseline: percentile(candidate) / percentile(baseline) (above 1: the candidate is slower), with
/// its paired bootstrap interval, over the runs where both ran; `per_request` is the distribution of the
/// per-run ratios candidate / baseline.
struct BaselineRatios {
    std::uint64_t samples = 0;
    SpeedupRatio p50;
    SpeedupRatio p95;
    SpeedupRatio p99;
    PerRequestSpeedup per_request;
};

/// The smallest slowdown of the candidate (0.04: 4 % slower) a run with this run's own noise tells from
/// no slowdown at 95 % confidence with 95 % power (docs/latency.md, "Minimum detectable slowdown"),
/// from the paired bootstrap interval of each percentile's ratio.
struct DetectableSlowdowns {
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
};

struct MinimumDetectableSlowdown {
    double confidence = 0.95;
    double power = 0.95;
    DetectableSlowdowns vs_reference;                // from the speedup's intervals
    std::optional<DetectableSlowdowns> vs_baseline;  // from the baseline ratios' intervals
};

/// A rank test of the paired times (parity::stats::TestResult).
struct Significance {
    std::string method;
    double statistic = 0;
    double z = 0;
    double p_value = 1;
    std::uint64_t n = 0;
    bool exact = false;
};

/// A/A runs only: the same code against itself, this host's timing noise.
struct NoiseFloorReport {
    double median_ratio = 1;
    PercentileInterval median_ratio_interval;
    double cv_reference = 0;
    double cv_candidate = 0;
    double per_request_ratio_cv = 0;
};

/// "latency". Without timed samples only the counts and the warnings are there.
struct Latency {
    double timer_overhead_ns = 0;
    std::uint64_t warmup_discarded = 0;
    std::uint64_t repeat = 1;
    std::uint64_t samples = 0;
    std::uint64_t bootstrap_resamples = 0;
    std::uint64_t bootstrap_seed = 0;
    std::optional<LatencyPaths> paths;  // these four: when samples > 0
    std::optional<Speedups> speedup;
    std::optional<Significance> significance;
    std::optional<double> reference_cpu_share;  // median process CPU / wall time of the reference path
    std::optional<NoiseFloorReport> noise_floor;
    std::optional<BaselineRatios> vs_baseline;  // with --baseline and timed runs where both ran
    std::optional<MinimumDetectableSlowdown> minimum_detectable_slowdown;  // when samples > 0
    std::vector<std::string> warnings;
};

void to_json(nlohmann::ordered_json& json, const TimeSummary& summary);
void read_model(const harness::ModelReader& in, TimeSummary& summary);

void to_json(nlohmann::ordered_json& json, const PercentileInterval& interval);
void read_model(const harness::ModelReader& in, PercentileInterval& interval);

void to_json(nlohmann::ordered_json& json, const PercentileIntervals& intervals);
void read_model(const harness::ModelReader& in, PercentileIntervals& intervals);

void to_json(nlohmann::ordered_json& json, const HistogramReport& histogram);
void read_model(const harness::ModelReader& in, HistogramReport& histogram);

void to_json(nlohmann::ordered_json& json, const PathTimings& path);
void read_model(const harness::ModelReader& in, PathTimings& path);

void to_json(nlohmann::ordered_json& json, const LatencyPaths& paths);
void read_model(const harness::ModelReader& in, LatencyPaths& paths);

void to_json(nlohmann::ordered_json& json, const SpeedupRatio& ratio);
void read_model(const harness::ModelReader& in, SpeedupRatio& ratio);

void to_json(nlohmann::ordered_json& json, const PerRequestSpeedup& speedup);
void read_model(const harness::ModelReader& in, PerRequestSpeedup& speedup);

void to_json(nlohmann::ordered_json& json, const Speedups& speedups);
void read_model(const harness::ModelReader& in, Speedups& speedups);

void to_json(nlohmann::ordered_json& json, const Significance& significance);
void read_model(const harness::ModelReader& in, Significance& significance);

void to_json(nlohmann::ordered_json& json, const NoiseFloorReport& noise);
void read_model(const harness::ModelReader& in, NoiseFloorReport& noise);

void to_json(nlohmann::ordered_json& json, const BaselineRatios& ratios);
void read_model(const harness::ModelReader& in, BaselineRatios& ratios);

void to_json(nlohmann::ordered_json& json, const DetectableSlowdowns& slowdowns);
void read_model(const harness::ModelReader& in, DetectableSlowdowns& slowdowns);

void to_json(nlohmann::ordered_json& json, const MinimumDetectableSlowdown& detectable);
void read_model(const harness::ModelReader& in, MinimumDetectableSlowdown& detectable);

void to_json(nlohmann::ordered_json& json, const Latency& latency);
void read_model(const harness::ModelReader& in, Latency& latency);

}  // namespace parity::replay
