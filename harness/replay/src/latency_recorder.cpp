#include "parity/replay/latency_recorder.hpp"

#include <algorithm>
#include <cstdio>

#include "parity/harness/host_stability.hpp"
#include "parity/stats/noise.hpp"
#include "parity/stats/percentiles.hpp"
#include "parity/stats/significance.hpp"
#include "parity/stats/speedup.hpp"

namespace parity::replay {
namespace {

nlohmann::ordered_json summary_json(const std::vector<double>& samples) {
    const stats::Summary s = stats::summarize(samples);
    return {{"count", s.count},   {"min_ns", s.min},   {"p50_ns", s.p50},   {"p90_ns", s.p90},
            {"p95_ns", s.p95},    {"p99_ns", s.p99},   {"p999_ns", s.p999}, {"max_ns", s.max},
            {"mean_ns", s.mean},  {"stddev_ns", s.stddev}};
}

nlohmann::ordered_json interval_json(const stats::Interval& interval) {
    return {{"estimate", interval.estimate}, {"low", interval.low}, {"high", interval.high}, {"level", interval.level}};
}

nlohmann::ordered_json ratio_json(const stats::Interval& interval) {
    return {{"value", interval.estimate}, {"ci_low", interval.low}, {"ci_high", interval.high}};
}

std::string format(const char* pattern, double value) {
    char text[160];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

/// In an A/A run, a per-request ratio spread above this is reported as a noisy host.
constexpr double maximum_aa_ratio_cv = 0.10;

}  // namespace

LatencyRecorder::LatencyRecorder(LatencyOptions options) : options_(options) {}

void LatencyRecorder::record(PathSamples& samples, const workers::PathResult& path) {
    samples.wall_ns.push_back(static_cast<double>(path.wall_ns));
    samples.cpu_ns.push_back(static_cast<double>(path.cpu_ns));
    samples.histogram.record(std::max<std::int64_t>(path.wall_ns, 0));
    samples.rss_growth_bytes += path.rss_delta_bytes;
    samples.python_heap_growth_bytes += path.python_heap_delta_bytes;
    ++samples.runs;
}

bool LatencyRecorder::add(int worker_id, const workers::PathResult& reference, const workers::PathResult& candidate) {
    if (jobs_per_worker_[worker_id]++ < options_.warmup_per_worker) {
        ++warmup_discarded_;  // caches, lazy imports and allocator growth of a fresh worker
        return false;
    }
    record(reference_, reference);
    record(candidate_, candidate);
    return true;
}

void LatencyRecorder::note_worker_rss(int /*worker_id*/, std::int64_t rss_bytes) {
    if (rss_bytes <= 0) return;
    if (worker_rss_first_ == 0) worker_rss_first_ = rss_bytes;
    worker_rss_last_ = rss_bytes;
    worker_rss_peak_ = std::max(worker_rss_peak_, rss_bytes);
}

double LatencyRecorder::reference_cpu_share() const {
    std::vector<double> shares;
    for (std::size_t i = 0; i < reference_.wall_ns.size(); ++i) {
        if (reference_.wall_ns[i] > 0) shares.push_back(reference_.cpu_ns[i] / reference_.wall_ns[i]);
    }
    return shares.empty() ? 1.0 : stats::median(std::move(shares));
}

nlohmann::ordered_json LatencyRecorder::latency_json(double timer_overhead_ns, std::size_t repeat,
                                                     std::vector<std::string>& warnings) const {
    nlohmann::ordered_json latency = {{"timer_overhead_ns", timer_overhead_ns},
                                      {"warmup_discarded", warmup_discarded_},
                                      {"repeat", repeat},
                                      {"samples", samples()},
                                      {"bootstrap_resamples", options_.bootstrap.resamples},
                                      {"bootstrap_seed", options_.bootstrap.seed}};
    if (samples() == 0) {
        warnings.emplace_back("no timed samples: every request was a warm-up, skipped, crashed or timed out");
        latency["warnings"] = warnings;
        return latency;
    }
    if (const auto warning = stats::sample_size_warning(samples())) warnings.push_back(*warning);

    nlohmann::ordered_json paths = nlohmann::ordered_json::object();
    for (const auto* path : {&reference_, &candidate_}) {
        const stats::LatencyIntervals intervals = stats::latency_intervals(path->wall_ns, options_.bootstrap);
        paths[path == &reference_ ? "reference" : "candidate"] = {
            {"wall", summary_json(path->wall_ns)},
            {"cpu", summary_json(path->cpu_ns)},
            {"intervals",
             {{"p50_ns", interval_json(intervals.p50)},
              {"p95_ns", interval_json(intervals.p95)},
              {"p99_ns", interval_json(intervals.p99)}}},
            {"histogram", path->histogram.to_json()}};
    }
    latency["paths"] = std::move(paths);

    const stats::SpeedupReport speedup = stats::paired_speedup(reference_.wall_ns, candidate_.wall_ns, options_.bootstrap);
    std::vector<double> ratios;  // per request, reference / candidate: what the speedup distribution shows
    for (std::size_t i = 0; i < samples(); ++i) {
        ratios.push_back(reference_.wall_ns[i] / std::max(candidate_.wall_ns[i], 1.0));
    }
    const auto spread = stats::percentiles_of_unsorted(ratios, {5.0, 25.0, 75.0});
    latency["speedup"] = {{"p50", ratio_json(speedup.p50)},
                          {"p95", ratio_json(speedup.p95)},
                          {"p99", ratio_json(speedup.p99)},
                          {"per_request",
                           {{"median", speedup.per_request_median.estimate},
                            {"ci_low", speedup.per_request_median.low},
                            {"ci_high", speedup.per_request_median.high},
                            {"min", speedup.per_request.min},
                            {"p5", spread[0]},
                            {"p25", spread[1]},
                            {"p75", spread[2]},
                            {"p95", speedup.per_request.p95},
                            {"max", speedup.per_request.max}}}};

    const stats::TestResult test = stats::wilcoxon_signed_rank(reference_.wall_ns, candidate_.wall_ns);
    latency["significance"] = {{"method", test.method}, {"statistic", test.statistic}, {"z", test.z},
                               {"p_value", test.p_value}, {"n", test.n}, {"exact", test.exact}};

    const double cpu_share = reference_cpu_share();
    latency["reference_cpu_share"] = cpu_share;
    if (cpu_share < harness::minimum_timed_cpu_share) {
        warnings.push_back(format("the reference path got %.0f %% of a CPU while timed (median CPU/wall): the host "
                                  "is busy and timings are unreliable",
                                  100.0 * cpu_share));
    }
    if (options_.aa) {
        const stats::NoiseFloor noise = stats::noise_floor(reference_.wall_ns, candidate_.wall_ns, options_.bootstrap);
        latency["noise_floor"] = {{"median_ratio", noise.median_ratio},
                                  {"median_ratio_interval", interval_json(noise.median_ratio_interval)},
                                  {"cv_reference", noise.cv_reference},
                                  {"cv_candidate", noise.cv_candidate}};
        // The same code on both paths: the spread of the per-request ratios is this host's timing noise.
        const double ratio_cv = stats::coefficient_of_variation(ratios);
        latency["noise_floor"]["per_request_ratio_cv"] = ratio_cv;
        if (ratio_cv > maximum_aa_ratio_cv) {
            warnings.push_back(format("A/A: the same code's per-request time ratio varies by %.0f %% (coefficient of "
                                      "variation): this host is too noisy for small speedups",
                                      100.0 * ratio_cv));
        }
        if (!noise.median_ratio_interval.contains(1.0)) {
            warnings.push_back(format("A/A: the same code differs by a median ratio of %.3f, and its interval "
                                      "excludes 1: position or order effects on this host",
                                      noise.median_ratio));
        }
    }
    latency["warnings"] = warnings;
    return latency;
}

nlohmann::ordered_json LatencyRecorder::memory_json() const {
    const auto path_json = [](const PathSamples& path) {
        return nlohmann::ordered_json{{"runs", path.runs},
                                      {"rss_growth_bytes", path.rss_growth_bytes},
                                      {"python_heap_growth_bytes", path.python_heap_growth_bytes}};
    };
    return {{"reference", path_json(reference_)},
            {"candidate", path_json(candidate_)},
            {"worker_rss_first_bytes", worker_rss_first_},
            {"worker_rss_last_bytes", worker_rss_last_},
            {"worker_rss_peak_bytes", worker_rss_peak_}};
}

}  // namespace parity::replay
