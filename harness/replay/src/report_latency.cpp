#include "parity/replay/report_latency.hpp"

namespace parity::replay {
namespace {

using harness::json_or_null;

}  // namespace

void to_json(nlohmann::ordered_json& json, const TimeSummary& summary) {
    json = {{"count", summary.count},        {"min_ns", summary.min_ns}, {"p50_ns", summary.p50_ns},
            {"p90_ns", summary.p90_ns},      {"p95_ns", summary.p95_ns}, {"p99_ns", summary.p99_ns},
            {"p999_ns", summary.p999_ns},    {"max_ns", summary.max_ns}, {"mean_ns", summary.mean_ns},
            {"stddev_ns", summary.stddev_ns}};
}

void read_model(const harness::ModelReader& in, TimeSummary& summary) {
    in.required("count", summary.count);
    in.required("min_ns", summary.min_ns);
    in.required("p50_ns", summary.p50_ns);
    in.required("p90_ns", summary.p90_ns);
    in.required("p95_ns", summary.p95_ns);
    in.required("p99_ns", summary.p99_ns);
    in.required("p999_ns", summary.p999_ns);
    in.required("max_ns", summary.max_ns);
    in.required("mean_ns", summary.mean_ns);
    in.required("stddev_ns", summary.stddev_ns);
}

void to_json(nlohmann::ordered_json& json, const PercentileInterval& interval) {
    json = {{"estimate", interval.estimate},
            {"low", interval.low},
            {"high", interval.high},
            {"level", interval.level}};
}

void read_model(const harness::ModelReader& in, PercentileInterval& interval) {
    in.required("estimate", interval.estimate);
    in.required("low", interval.low);
    in.required("high", interval.high);
    in.required("level", interval.level);
}

void to_json(nlohmann::ordered_json& json, const PercentileIntervals& intervals) {
    json = {{"p50_ns", intervals.p50_ns}, {"p95_ns", intervals.p95_ns}, {"p99_ns", intervals.p99_ns}};
}

void read_model(const harness::ModelReader& in, PercentileIntervals& intervals) {
    in.required("p50_ns", intervals.p50_ns);
    in.required("p95_ns", intervals.p95_ns);
    in.required("p99_ns", intervals.p99_ns);
}

void to_json(nlohmann::ordered_json& json, const HistogramReport& histogram) {
    // In the alphabetical key order report.json has always had here (it was stats' nlohmann::json).
    json = {{"buckets", histogram.buckets},
            {"clamped_count", histogram.clamped_count},
            {"count", histogram.count},
            {"highest_trackable_ns", histogram.highest_trackable_ns},
            {"max_ns", json_or_null(histogram.max_ns)},
            {"min_ns", json_or_null(histogram.min_ns)},
            {"significant_digits", histogram.significant_digits}};
}

void read_model(const harness::ModelReader& in, HistogramReport& histogram) {
    in.required("significant_digits", histogram.significant_digits);
    in.required("highest_trackable_ns", histogram.highest_trackable_ns);
    in.required("count", histogram.count);
    in.required("clamped_count", histogram.clamped_count);
    in.nullable("min_ns", histogram.min_ns);
    in.nullable("max_ns", histogram.max_ns);
    in.required("buckets", histogram.buckets);
}

void to_json(nlohmann::ordered_json& json, const PathTimings& path) {
    json = {
        {"wall", path.wall}, {"cpu", path.cpu}, {"intervals", path.intervals}, {"histogram", path.histogram}};
    if (path.process_cpu)
        json["process_cpu"] = *path.process_cpu;
}

void read_model(const harness::ModelReader& in, PathTimings& path) {
    in.required("wall", path.wall);
    in.required("cpu", path.cpu);
    in.required("intervals", path.intervals);
    in.required("histogram", path.histogram);
    in.optional("process_cpu", path.process_cpu);
}

void to_json(nlohmann::ordered_json& json, const LatencyPaths& paths) {
    json = {{"reference", paths.reference}, {"candidate", paths.candidate}};
    if (paths.baseline)
        json["baseline"] = *paths.baseline;
}

void read_model(const harness::ModelReader& in, LatencyPaths& paths) {
    in.required("reference", paths.reference);
    in.required("candidate", paths.candidate);
    in.optional("baseline", paths.baseline);
}

void to_json(nlohmann::ordered_json& json, const SpeedupRatio& ratio) {
    json = {{"value", ratio.value}, {"ci_low", ratio.ci_low}, {"ci_high", ratio.ci_high}};
}

void read_model(const harness::ModelReader& in, SpeedupRatio& ratio) {
    in.required("value", ratio.value);
    in.required("ci_low", ratio.ci_low);
    in.required("ci_high", ratio.ci_high);
}

void to_json(nlohmann::ordered_json& json, const PerRequestSpeedup& speedup) {
    json = {{"median", speedup.median}, {"ci_low", speedup.ci_low}, {"ci_high", speedup.ci_high},
            {"min", speedup.min},       {"p5", speedup.p5},         {"p25", speedup.p25},
            {"p75", speedup.p75},       {"p95", speedup.p95},       {"max", speedup.max}};
}

void read_model(const harness::ModelReader& in, PerRequestSpeedup& speedup) {
    in.required("median", speedup.median);
    in.required("ci_low", speedup.ci_low);
    in.required("ci_high", speedup.ci_high);
    in.required("min", speedup.min);
    in.required("p5", speedup.p5);
    in.required("p25", speedup.p25);
    in.required("p75", speedup.p75);
    in.required("p95", speedup.p95);
    in.required("max", speedup.max);
}

void to_json(nlohmann::ordered_json& json, const Speedups& speedups) {
    json = {{"p50", speedups.p50},
            {"p95", speedups.p95},
            {"p99", speedups.p99},
            {"per_request", speedups.per_request}};
}

void read_model(const harness::ModelReader& in, Speedups& speedups) {
    in.required("p50", speedups.p50);
    in.required("p95", speedups.p95);
    in.required("p99", speedups.p99);
    in.required("per_request", speedups.per_request);
}

void to_json(nlohmann::ordered_json& json, const BaselineRatios& ratios) {
    json = {{"samples", ratios.samples},
            {"p50", ratios.p50},
            {"p95", ratios.p95},
            {"p99", ratios.p99},
            {"per_request", ratios.per_request}};
}

void read_model(const harness::ModelReader& in, BaselineRatios& ratios) {
    in.required("samples", ratios.samples);
    in.required("p50", ratios.p50);
    in.required("p95", ratios.p95);
    in.required("p99", ratios.p99);
    in.required("per_request", ratios.per_request);
}

void to_json(nlohmann::ordered_json& json, const DetectableSlowdowns& slowdowns) {
    json = {{"p50", slowdowns.p50}, {"p95", slowdowns.p95}, {"p99", slowdowns.p99}};
}

void read_model(const harness::ModelReader& in, DetectableSlowdowns& slowdowns) {
    in.required("p50", slowdowns.p50);
    in.required("p95", slowdowns.p95);
    in.required("p99", slowdowns.p99);
}

void to_json(nlohmann::ordered_json& json, const MinimumDetectableSlowdown& detectable) {
    json = {{"confidence", detectable.confidence},
            {"power", detectable.power},
            {"vs_reference", detectable.vs_reference}};
    if (detectable.vs_baseline)
        json["vs_baseline"] = *detectable.vs_baseline;
}

void read_model(const harness::ModelReader& in, MinimumDetectableSlowdown& detectable) {
    in.required("confidence", detectable.confidence);
    in.required("power", detectable.power);
    in.required("vs_reference", detectable.vs_reference);
    in.optional("vs_baseline", detectable.vs_baseline);
}

void to_json(nlohmann::ordered_json& json, const Significance& significance) {
    json = {{"method", significance.method}, {"statistic", significance.statistic},
            {"z", significance.z},           {"p_value", significance.p_value},
            {"n", significance.n},           {"exact", significance.exact}};
}

void read_model(const harness::ModelReader& in, Significance& significance) {
    in.required("method", significance.method);
    in.required("statistic", significance.statistic);
    in.required("z", significance.z);
    in.required("p_value", significance.p_value);
    in.required("n", significance.n);
    in.required("exact", significance.exact);
}

void to_json(nlohmann::ordered_json& json, const NoiseFloorReport& noise) {
    json = {{"median_ratio", noise.median_ratio},
            {"median_ratio_interval", noise.median_ratio_interval},
            {"cv_reference", noise.cv_reference},
            {"cv_candidate", noise.cv_candidate},
            {"per_request_ratio_cv", noise.per_request_ratio_cv}};
}

void read_model(const harness::ModelReader& in, NoiseFloorReport& noise) {
    in.required("median_ratio", noise.median_ratio);
    in.required("median_ratio_interval", noise.median_ratio_interval);
    in.required("cv_reference", noise.cv_reference);
    in.required("cv_candidate", noise.cv_candidate);
    in.required("per_request_ratio_cv", noise.per_request_ratio_cv);
}

void to_json(nlohmann::ordered_json& json, const Latency& latency) {
    json = {{"timer_overhead_ns", latency.timer_overhead_ns},
            {"warmup_discarded", latency.warmup_discarded},
            {"repeat", latency.repeat},
            {"samples", latency.samples},
            {"bootstrap_resamples", latency.bootstrap_resamples},
            {"bootstrap_seed", latency.bootstrap_seed}};
    if (latency.paths)
        json["paths"] = *latency.paths;
    if (latency.speedup)
        json["speedup"] = *latency.speedup;
    if (latency.significance)
        json["significance"] = *latency.significance;
    if (latency.reference_cpu_share)
        json["reference_cpu_share"] = *latency.reference_cpu_share;
    if (latency.noise_floor)
        json["noise_floor"] = *latency.noise_floor;
    if (latency.vs_baseline)
        json["vs_baseline"] = *latency.vs_baseline;
    if (latency.minimum_detectable_slowdown)
        json["minimum_detectable_slowdown"] = *latency.minimum_detectable_slowdown;
    json["warnings"] = latency.warnings;
}

void read_model(const harness::ModelReader& in, Latency& latency) {
    in.required("timer_overhead_ns", latency.timer_overhead_ns);
    in.required("warmup_discarded", latency.warmup_discarded);
    in.required("repeat", latency.repeat);
    in.required("samples", latency.samples);
    in.required("bootstrap_resamples", latency.bootstrap_resamples);
    in.required("bootstrap_seed", latency.bootstrap_seed);
    in.optional("paths", latency.paths);
    in.optional("speedup", latency.speedup);
    in.optional("significance", latency.significance);
    in.optional("reference_cpu_share", latency.reference_cpu_share);
    in.optional("noise_floor", latency.noise_floor);
    in.optional("vs_baseline", latency.vs_baseline);
    in.optional("minimum_detectable_slowdown", latency.minimum_detectable_slowdown);
    in.required("warnings", latency.warnings);
    // Timed samples are summarised whole: a report that has them without the summaries is truncated.
    if (latency.samples > 0) {
        for (const auto& [key, present] :
             {std::pair{"paths", latency.paths.has_value()},
              std::pair{"speedup", latency.speedup.has_value()},
              std::pair{"significance", latency.significance.has_value()},
              std::pair{"reference_cpu_share", latency.reference_cpu_share.has_value()}}) {
            if (!present)
                in.problem(key, "missing although samples is " + std::to_string(latency.samples));
        }
    }
}

}  // namespace parity::replay
