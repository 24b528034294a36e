#include "parity/replay/latency_recorder.hpp"

#include <algorithm>
#include <cstdio>

#include "parity/harness/host_stability.hpp"
#include "parity/stats/detectable_slowdown.hpp"
#include "parity/stats/noise.hpp"
#include "parity/stats/percentiles.hpp"
#include "parity/stats/significance.hpp"
#include "parity/stats/speedup.hpp"

namespace parity::replay {
namespace {

TimeSummary time_summary(const std::vector<double>& samples) {
    const stats::Summary s = stats::summarize(samples);
    return {s.count, s.min, s.p50, s.p90, s.p95, s.p99, s.p999, s.max, s.mean, s.stddev};
}

PercentileInterval percentile_interval(const stats::Interval& interval) {
    return {interval.estimate, interval.low, interval.high, interval.level};
}

SpeedupRatio speedup_ratio(const stats::Interval& interval) {
    return {interval.estimate, interval.low, interval.high};
}

/// The histogram as the report holds it: stats' own JSON read into the model.
HistogramReport histogram_report(const stats::LogLinearHistogram& histogram) {
    HistogramReport report;
    harness::read_document(histogram.to_json(), report, harness::Leniency::strict);
    return report;
}

std::string format(const char* pattern, double value) {
    char text[160];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

/// The power the report's minimum detectable slowdown is stated at (stats::minimum_detectable_slowdown).
constexpr double detectable_power = 0.95;

/// Each percentile's minimum detectable slowdown from its ratio's interval.
DetectableSlowdowns detectable_slowdowns(const stats::Interval& p50, const stats::Interval& p95,
                                         const stats::Interval& p99) {
    const auto of = [](const stats::Interval& ratio) {
        return stats::minimum_detectable_slowdown(ratio, detectable_power);
    };
    return {of(p50), of(p95), of(p99)};
}

/// In an A/A run, a per-request ratio spread above this is reported as a noisy host.
constexpr double maximum_aa_ratio_cv = 0.10;

}  // namespace

LatencyRecorder::LatencyRecorder(LatencyOptions options) : options_(options) {}

void LatencyRecorder::record(PathSamples& samples, const workers::PathResult& path) {
    samples.wall_ns.push_back(static_cast<double>(path.wall_ns));
    samples.cpu_ns.push_back(static_cast<double>(path.cpu_ns));
    samples.process_cpu_ns.push_back(static_cast<double>(path.process_cpu_ns));
    samples.stages.add(path.wall_ns, path.stages);
    samples.histogram.record(std::max<std::int64_t>(path.wall_ns, 0));
    samples.rss_growth_bytes += path.rss_delta_bytes;
    samples.python_heap_growth_bytes += path.python_heap_delta_bytes;
    ++samples.runs;
}

bool LatencyRecorder::add(int worker_id, const workers::PathResult& reference,
                          const workers::PathResult& candidate,
                          const std::optional<workers::PathResult>& baseline) {
    if (jobs_per_worker_[worker_id]++ < options_.warmup_per_worker) {
        ++warmup_discarded_;  // caches, lazy imports and allocator growth of a fresh worker
        return false;
    }
    record(reference_, reference);
    record(candidate_, candidate);
    if (baseline) {
        has_baseline_ = true;
        if (baseline->status == workers::PathStatus::ok || baseline->status == workers::PathStatus::error) {
            record(baseline_, *baseline);
            candidate_beside_baseline_ns_.push_back(static_cast<double>(candidate.wall_ns));
        }
    }
    return true;
}

void LatencyRecorder::note_worker_rss(int /*worker_id*/, std::int64_t rss_bytes) {
    if (rss_bytes <= 0)
        return;
    if (worker_rss_first_ == 0)
        worker_rss_first_ = rss_bytes;
    worker_rss_last_ = rss_bytes;
    worker_rss_peak_ = std::max(worker_rss_peak_, rss_bytes);
}

double LatencyRecorder::reference_cpu_share() const {
    std::vector<double> shares;
    for (std::size_t i = 0; i < reference_.wall_ns.size(); ++i) {
        if (reference_.wall_ns[i] > 0)
            shares.push_back(reference_.process_cpu_ns[i] / reference_.wall_ns[i]);
    }
    return shares.empty() ? 1.0 : stats::median(std::move(shares));
}

std::optional<Stages> LatencyRecorder::stages(const std::optional<std::string>& ported_stage,
                                              std::vector<std::string>& warnings) const {
    return stages_report(reference_.stages, candidate_.stages, ported_stage, warnings);
}

Latency LatencyRecorder::latency(double timer_overhead_ns, std::size_t repeat,
                                 std::vector<std::string>& warnings) const {
    Latency latency;
    latency.timer_overhead_ns = timer_overhead_ns;
    latency.warmup_discarded = warmup_discarded_;
    latency.repeat = repeat;
    latency.samples = samples();
    latency.bootstrap_resamples = options_.bootstrap.resamples;
    latency.bootstrap_seed = options_.bootstrap.seed;
    if (samples() == 0) {
        warnings.emplace_back("no timed samples: every request was a warm-up, skipped, crashed or timed out");
        latency.warnings = warnings;
        return latency;
    }
    if (const auto warning = stats::sample_size_warning(samples()))
        warnings.push_back(*warning);

    const auto path_timings = [&](const PathSamples& path) {
        const stats::LatencyIntervals intervals = stats::latency_intervals(path.wall_ns, options_.bootstrap);
        return PathTimings{time_summary(path.wall_ns),
                           time_summary(path.cpu_ns),
                           {percentile_interval(intervals.p50), percentile_interval(intervals.p95),
                            percentile_interval(intervals.p99)},
                           histogram_report(path.histogram),
                           time_summary(path.process_cpu_ns)};
    };
    latency.paths = LatencyPaths{path_timings(reference_), path_timings(candidate_), std::nullopt};

    const stats::SpeedupReport speedup =
        stats::paired_speedup(reference_.wall_ns, candidate_.wall_ns, options_.bootstrap);
    std::vector<double> ratios;  // per request, reference / candidate: what the speedup distribution shows
    for (std::size_t i = 0; i < samples(); ++i) {
        ratios.push_back(reference_.wall_ns[i] / std::max(candidate_.wall_ns[i], 1.0));
    }
    const auto spread = stats::percentiles_of_unsorted(ratios, {5.0, 25.0, 75.0});
    latency.speedup = Speedups{speedup_ratio(speedup.p50),
                               speedup_ratio(speedup.p95),
                               speedup_ratio(speedup.p99),
                               {speedup.per_request_median.estimate, speedup.per_request_median.low,
                                speedup.per_request_median.high, speedup.per_request.min, spread[0],
                                spread[1], spread[2], speedup.per_request.p95, speedup.per_request.max}};

    MinimumDetectableSlowdown detectable;
    detectable.power = detectable_power;
    detectable.confidence = options_.bootstrap.level;
    detectable.vs_reference = detectable_slowdowns(speedup.p50, speedup.p95, speedup.p99);
    if (!baseline_.wall_ns.empty()) {
        latency.paths->baseline = path_timings(baseline_);
        const std::vector<double>& candidate = candidate_beside_baseline_ns_;
        // Above 1 the candidate is slower: percentile(candidate) / percentile(baseline).
        const stats::SpeedupReport ratio =
            stats::paired_speedup(candidate, baseline_.wall_ns, options_.bootstrap);
        std::vector<double> per_run;
        for (std::size_t i = 0; i < candidate.size(); ++i)
            per_run.push_back(candidate[i] / std::max(baseline_.wall_ns[i], 1.0));
        const auto quartiles = stats::percentiles_of_unsorted(per_run, {5.0, 25.0, 75.0});
        latency.vs_baseline =
            BaselineRatios{candidate.size(),
                           speedup_ratio(ratio.p50),
                           speedup_ratio(ratio.p95),
                           speedup_ratio(ratio.p99),
                           {ratio.per_request_median.estimate, ratio.per_request_median.low,
                            ratio.per_request_median.high, ratio.per_request.min, quartiles[0], quartiles[1],
                            quartiles[2], ratio.per_request.p95, ratio.per_request.max}};
        detectable.vs_baseline = detectable_slowdowns(ratio.p50, ratio.p95, ratio.p99);
        if (const auto warning = stats::sample_size_warning(candidate.size()))
            warnings.push_back("candidate vs baseline: " + *warning);
    } else if (has_baseline_) {
        warnings.emplace_back(
            "no timed run of the baseline: it crashed, timed out or could not be set up on "
            "every timed request");
    }
    latency.minimum_detectable_slowdown = detectable;

    const stats::TestResult test = stats::wilcoxon_signed_rank(reference_.wall_ns, candidate_.wall_ns);
    latency.significance =
        Significance{test.method, test.statistic, test.z, test.p_value, test.n, test.exact};

    const double cpu_share = reference_cpu_share();
    latency.reference_cpu_share = cpu_share;
    if (cpu_share < harness::minimum_timed_cpu_share) {
        warnings.push_back(
            format("the reference path got %.0f %% of a CPU while timed (median process CPU/wall): the host "
                   "is busy and timings are unreliable",
                   100.0 * cpu_share));
    }
    if (options_.aa) {
        const stats::NoiseFloor noise =
            stats::noise_floor(reference_.wall_ns, candidate_.wall_ns, options_.bootstrap);
        // The same code on both paths: the spread of the per-request ratios is this host's timing noise.
        const double ratio_cv = stats::coefficient_of_variation(ratios);
        latency.noise_floor =
            NoiseFloorReport{noise.median_ratio, percentile_interval(noise.median_ratio_interval),
                             noise.cv_reference, noise.cv_candidate, ratio_cv};
        if (ratio_cv > maximum_aa_ratio_cv) {
            warnings.push_back(
                format("A/A: the same code's per-request time ratio varies by %.0f %% (coefficient of "
                       "variation): this host is too noisy for small speedups",
                       100.0 * ratio_cv));
        }
        if (!noise.median_ratio_interval.contains(1.0)) {
            warnings.push_back(
                format("A/A: the same code differs by a median ratio of %.3f, and its interval "
                       "excludes 1: position or order effects on this host",
                       noise.median_ratio));
        }
    }
    latency.warnings = warnings;
    return latency;
}

Memory LatencyRecorder::memory() const {
    const auto path_memory = [](const PathSamples& path) {
        return PathMemory{path.runs, path.rss_growth_bytes, path.python_heap_growth_bytes};
    };
    Memory memory;
    memory.reference = path_memory(reference_);
    memory.candidate = path_memory(candidate_);
    if (has_baseline_)
        memory.baseline = path_memory(baseline_);
    memory.worker_rss_first_bytes = worker_rss_first_;
    memory.worker_rss_last_bytes = worker_rss_last_;
    memory.worker_rss_peak_bytes = worker_rss_peak_;
    return memory;
}

}  // namespace parity::replay
