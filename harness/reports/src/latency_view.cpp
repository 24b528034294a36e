#include "latency_view.hpp"

#include <algorithm>

#include "number_format.hpp"
#include "parity/reports/sample_statistics.hpp"
#include "parity/stats/percentiles.hpp"

namespace parity::reports::detail {
namespace {

Estimate interval_estimate(const replay::PercentileInterval& interval) {
    return Estimate{interval.estimate, interval.low, interval.high};
}

Estimate speedup_estimate(const replay::SpeedupRatio& ratio) {
    return Estimate{ratio.value, ratio.ci_low, ratio.ci_high};
}

PathLatency path_latency(const char* name, const replay::PathTimings& timings) {
    PathLatency p;
    p.name = name;
    p.count = timings.wall.count;
    p.p50 = interval_estimate(timings.intervals.p50_ns);
    p.p95 = interval_estimate(timings.intervals.p95_ns);
    p.p99 = interval_estimate(timings.intervals.p99_ns);
    p.min = timings.wall.min_ns;
    p.max = timings.wall.max_ns;
    p.mean = timings.wall.mean_ns;
    if (timings.cpu.count > 0) {
        p.cpu_p50 = timings.cpu.p50_ns;
        p.cpu_p95 = timings.cpu.p95_ns;
        p.cpu_p99 = timings.cpu.p99_ns;
        p.cpu_mean = timings.cpu.mean_ns;
    }
    return p;
}

std::string slowdowns_text(const replay::DetectableSlowdowns& slowdowns) {
    return format_percent(slowdowns.p50) + " at p50, " + format_percent(slowdowns.p95) + " at p95, " +
           format_percent(slowdowns.p99) + " at p99";
}

/// One sentence for every report file: what a go/no-go reader needs is how small a slowdown would
/// have been seen, against the reference and, with --baseline, against the build that is live now.
std::string detectable_slowdown_text(const replay::MinimumDetectableSlowdown& detectable) {
    std::string text =
        "This run could detect a slowdown of the candidate of " + slowdowns_text(detectable.vs_reference);
    if (detectable.vs_baseline) {
        text += " against the reference, and of " + slowdowns_text(*detectable.vs_baseline) +
                " against the baseline";
    }
    return text + " (" + format_percent(detectable.confidence) + " confidence, " +
           format_percent(detectable.power) + " power); a smaller one would go unseen";
}

LatencyView from_replay_measurement(const replay::Latency& latency, const replay::LatencyPaths& paths) {
    LatencyView view;
    view.source = LatencySource::replay_measurement;
    for (const auto& [name, timings] :
         {std::pair{"reference", &paths.reference}, std::pair{"candidate", &paths.candidate},
          std::pair{"baseline", paths.baseline ? &*paths.baseline : nullptr}}) {
        if (timings != nullptr && timings->wall.count > 0)
            view.paths.push_back(path_latency(name, *timings));
    }
    if (latency.speedup) {
        view.speedup_p50 = speedup_estimate(latency.speedup->p50);
        view.speedup_p95 = speedup_estimate(latency.speedup->p95);
        view.speedup_p99 = speedup_estimate(latency.speedup->p99);
        const auto& per_request = latency.speedup->per_request;
        view.speedup_per_request_median =
            Estimate{per_request.median, per_request.ci_low, per_request.ci_high};
    }
    if (const auto& ratios = latency.vs_baseline; ratios && ratios->samples > 0) {
        view.vs_baseline_p50 = speedup_estimate(ratios->p50);
        view.vs_baseline_p95 = speedup_estimate(ratios->p95);
        view.vs_baseline_p99 = speedup_estimate(ratios->p99);
        const auto& per_request = ratios->per_request;
        view.vs_baseline_per_request_median =
            Estimate{per_request.median, per_request.ci_low, per_request.ci_high};
    }
    if (latency.minimum_detectable_slowdown)
        view.detectable_slowdown = detectable_slowdown_text(*latency.minimum_detectable_slowdown);
    if (const auto& significance = latency.significance) {
        // The p-value first: a long method name may be cut, the number must not be.
        view.significance = "p = " + format_number(significance->p_value, 2) + " (" +
                            (significance->method.empty() ? "significance" : significance->method) +
                            ", n = " + format_number(static_cast<double>(significance->n), 9) + ")";
    }
    view.method = format_number(static_cast<double>(latency.samples), 9) + " samples, " +
                  format_number(static_cast<double>(latency.warmup_discarded), 9) +
                  " warm-up discarded, repeat " + format_number(static_cast<double>(latency.repeat), 9) +
                  ", timer overhead " + format_duration(latency.timer_overhead_ns);
    view.warnings = latency.warnings;
    return view;
}

PathLatency summarize_path(const char* name, std::vector<double> wall, std::vector<double> cpu) {
    PathLatency p;
    p.name = name;
    if (wall.empty()) {
        return p;
    }
    const stats::Summary w = stats::summarize(std::move(wall));
    p.count = w.count;
    p.p50 = Estimate{w.p50, std::nullopt, std::nullopt};
    p.p95 = Estimate{w.p95, std::nullopt, std::nullopt};
    p.p99 = Estimate{w.p99, std::nullopt, std::nullopt};
    p.min = w.min;
    p.max = w.max;
    p.mean = w.mean;
    if (!cpu.empty()) {
        const stats::Summary c = stats::summarize(std::move(cpu));
        p.cpu_p50 = c.p50;
        p.cpu_p95 = c.p95;
        p.cpu_p99 = c.p99;
        p.cpu_mean = c.mean;
    }
    return p;
}

/// numerator / denominator, without an interval.
std::optional<Estimate> ratio(const std::optional<Estimate>& numerator,
                              const std::optional<Estimate>& denominator) {
    if (!numerator || !denominator || denominator->value <= 0)
        return std::nullopt;
    return Estimate{numerator->value / denominator->value, std::nullopt, std::nullopt};
}

const PathLatency* find_path(const LatencyView& view, std::string_view name) {
    const auto found = std::find_if(view.paths.begin(), view.paths.end(),
                                    [&](const PathLatency& p) { return p.name == name; });
    return found == view.paths.end() ? nullptr : &*found;
}

std::optional<Estimate> median_of(std::vector<double> ratios) {
    if (ratios.empty())
        return std::nullopt;
    std::sort(ratios.begin(), ratios.end());
    return Estimate{stats::percentile(ratios, 50.0), std::nullopt, std::nullopt};
}

LatencyView from_results(const ReportInputs& inputs) {
    LatencyView view;
    std::vector<double> reference_wall, reference_cpu, candidate_wall, candidate_cpu, baseline_wall,
        baseline_cpu;
    for (const auto& request : inputs.requests) {
        if (request.reference_wall_ns)
            reference_wall.push_back(*request.reference_wall_ns);
        if (request.reference_cpu_ns)
            reference_cpu.push_back(*request.reference_cpu_ns);
        if (request.candidate_wall_ns)
            candidate_wall.push_back(*request.candidate_wall_ns);
        if (request.candidate_cpu_ns)
            candidate_cpu.push_back(*request.candidate_cpu_ns);
        if (request.baseline_wall_ns)
            baseline_wall.push_back(*request.baseline_wall_ns);
        if (request.baseline_cpu_ns)
            baseline_cpu.push_back(*request.baseline_cpu_ns);
    }
    if (reference_wall.empty() && candidate_wall.empty() && baseline_wall.empty())
        return view;
    view.source = LatencySource::results_timings;
    if (!reference_wall.empty()) {
        view.paths.push_back(
            summarize_path("reference", std::move(reference_wall), std::move(reference_cpu)));
    }
    if (!candidate_wall.empty()) {
        view.paths.push_back(
            summarize_path("candidate", std::move(candidate_wall), std::move(candidate_cpu)));
    }
    if (!baseline_wall.empty())
        view.paths.push_back(summarize_path("baseline", std::move(baseline_wall), std::move(baseline_cpu)));
    const PathLatency* reference = find_path(view, "reference");
    const PathLatency* candidate = find_path(view, "candidate");
    const PathLatency* baseline = find_path(view, "baseline");
    if (reference != nullptr && candidate != nullptr) {
        view.speedup_p50 = ratio(reference->p50, candidate->p50);
        view.speedup_p95 = ratio(reference->p95, candidate->p95);
        view.speedup_p99 = ratio(reference->p99, candidate->p99);
    }
    if (candidate != nullptr && baseline != nullptr) {
        view.vs_baseline_p50 = ratio(candidate->p50, baseline->p50);
        view.vs_baseline_p95 = ratio(candidate->p95, baseline->p95);
        view.vs_baseline_p99 = ratio(candidate->p99, baseline->p99);
    }
    view.speedup_per_request_median = median_of(per_request_speedups(inputs));
    view.vs_baseline_per_request_median = median_of(per_request_vs_baseline(inputs));
    view.method = "computed from results.jsonl: one timing per request, no warm-up discarded, no intervals";
    return view;
}

}  // namespace

LatencyView latency_view(const ReportInputs& inputs) {
    const auto& latency = inputs.report.latency;
    if (latency && latency->paths)
        return from_replay_measurement(*latency, *latency->paths);
    return from_results(inputs);
}

std::vector<double> per_request_speedups(const ReportInputs& inputs) {
    std::vector<double> speedups;
    for (const auto& request : inputs.requests) {
        if (request.reference_wall_ns && request.candidate_wall_ns && *request.candidate_wall_ns > 0) {
            speedups.push_back(*request.reference_wall_ns / *request.candidate_wall_ns);
        }
    }
    return speedups;
}

std::vector<double> per_request_vs_baseline(const ReportInputs& inputs) {
    std::vector<double> ratios;
    for (const auto& request : inputs.requests) {
        if (request.candidate_wall_ns && request.baseline_wall_ns && *request.baseline_wall_ns > 0)
            ratios.push_back(*request.candidate_wall_ns / *request.baseline_wall_ns);
    }
    return ratios;
}

}  // namespace parity::reports::detail
