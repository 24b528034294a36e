#include "latency_view.hpp"

#include <algorithm>

#include "json_access.hpp"
#include "number_format.hpp"
#include "parity/reports/sample_statistics.hpp"
#include "parity/stats/percentiles.hpp"

namespace parity::reports::detail {
namespace {

constexpr const char* path_names[] = {"reference", "candidate"};

std::optional<Estimate> interval_estimate(const nlohmann::json& intervals, const char* key,
                                          std::optional<double> point) {
    const auto& interval = object(intervals, key);
    const auto value = number(interval, "estimate");
    if (!value && !point)
        return std::nullopt;
    return Estimate{value.value_or(*point), number(interval, "low"), number(interval, "high")};
}

std::optional<Estimate> speedup_estimate(const nlohmann::json& speedup, const char* key,
                                         const char* value_key) {
    const auto& entry = object(speedup, key);
    const auto value = number(entry, value_key);
    if (!value)
        return std::nullopt;
    return Estimate{*value, number(entry, "ci_low"), number(entry, "ci_high")};
}

LatencyView from_replay_measurement(const nlohmann::json& latency) {
    LatencyView view;
    view.source = LatencySource::replay_measurement;
    const auto& paths = object(latency, "paths");
    for (const char* name : path_names) {
        const auto& path = object(paths, name);
        const auto& wall = object(path, "wall");
        const auto& cpu = object(path, "cpu");
        const auto& intervals = object(path, "intervals");
        if (wall.empty())
            continue;
        PathLatency p;
        p.name = name;
        p.count = count(wall, "count");
        p.p50 = interval_estimate(intervals, "p50_ns", number(wall, "p50_ns"));
        p.p95 = interval_estimate(intervals, "p95_ns", number(wall, "p95_ns"));
        p.p99 = interval_estimate(intervals, "p99_ns", number(wall, "p99_ns"));
        p.min = number(wall, "min_ns");
        p.max = number(wall, "max_ns");
        p.mean = number(wall, "mean_ns");
        p.cpu_p50 = number(cpu, "p50_ns");
        p.cpu_p95 = number(cpu, "p95_ns");
        p.cpu_p99 = number(cpu, "p99_ns");
        p.cpu_mean = number(cpu, "mean_ns");
        view.paths.push_back(std::move(p));
    }
    const auto& speedup = object(latency, "speedup");
    view.speedup_p50 = speedup_estimate(speedup, "p50", "value");
    view.speedup_p95 = speedup_estimate(speedup, "p95", "value");
    view.speedup_p99 = speedup_estimate(speedup, "p99", "value");
    view.speedup_per_request_median = speedup_estimate(speedup, "per_request", "median");

    const auto& significance = object(latency, "significance");
    if (const auto p = number(significance, "p_value")) {
        // The p-value first: a long method name may be cut, the number must not be.
        view.significance =
            "p = " + format_number(*p, 2) + " (" + text(significance, "method", "significance");
        if (const auto n = number(significance, "n"))
            view.significance += ", n = " + format_number(*n, 9);
        view.significance += ")";
    }
    std::string method;
    if (const auto samples = number(latency, "samples"))
        method += format_number(*samples, 9) + " samples";
    if (const auto warmup = number(latency, "warmup_discarded")) {
        method += (method.empty() ? "" : ", ") + format_number(*warmup, 9) + " warm-up discarded";
    }
    if (const auto repeat = number(latency, "repeat")) {
        method += (method.empty() ? "" : ", ") + std::string("repeat ") + format_number(*repeat, 9);
    }
    if (const auto overhead = number(latency, "timer_overhead_ns")) {
        method += (method.empty() ? "" : ", ") + std::string("timer overhead ") + format_duration(*overhead);
    }
    view.method = method;
    for (const auto& warning : array(latency, "warnings"))
        view.warnings.push_back(display(warning));
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

std::optional<Estimate> ratio(const std::optional<Estimate>& reference,
                              const std::optional<Estimate>& candidate) {
    if (!reference || !candidate || candidate->value <= 0)
        return std::nullopt;
    return Estimate{reference->value / candidate->value, std::nullopt, std::nullopt};
}

LatencyView from_results(const ReportInputs& inputs) {
    LatencyView view;
    std::vector<double> reference_wall, reference_cpu, candidate_wall, candidate_cpu;
    for (const auto& request : inputs.requests) {
        if (request.reference_wall_ns)
            reference_wall.push_back(*request.reference_wall_ns);
        if (request.reference_cpu_ns)
            reference_cpu.push_back(*request.reference_cpu_ns);
        if (request.candidate_wall_ns)
            candidate_wall.push_back(*request.candidate_wall_ns);
        if (request.candidate_cpu_ns)
            candidate_cpu.push_back(*request.candidate_cpu_ns);
    }
    if (reference_wall.empty() && candidate_wall.empty())
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
    if (view.paths.size() == 2) {
        view.speedup_p50 = ratio(view.paths[0].p50, view.paths[1].p50);
        view.speedup_p95 = ratio(view.paths[0].p95, view.paths[1].p95);
        view.speedup_p99 = ratio(view.paths[0].p99, view.paths[1].p99);
    }
    auto speedups = per_request_speedups(inputs);
    if (!speedups.empty()) {
        std::sort(speedups.begin(), speedups.end());
        view.speedup_per_request_median =
            Estimate{stats::percentile(speedups, 50.0), std::nullopt, std::nullopt};
    }
    view.method = "computed from results.jsonl: one timing per request, no warm-up discarded, no intervals";
    return view;
}

}  // namespace

LatencyView latency_view(const ReportInputs& inputs) {
    const auto& latency = object(inputs.report, "latency");
    if (!object(latency, "paths").empty())
        return from_replay_measurement(latency);
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

}  // namespace parity::reports::detail
