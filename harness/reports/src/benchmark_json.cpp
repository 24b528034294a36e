#include "parity/reports/benchmark_json.hpp"

#include <algorithm>
#include <cctype>

#include "latency_view.hpp"
#include "output_file.hpp"

namespace parity::reports {
namespace {

using namespace detail;

/// Google Benchmark's format for the context date: ISO 8601 with a numeric UTC offset.
std::string benchmark_date(const std::string& started) {
    if (!started.empty() && started.back() == 'Z')
        return started.substr(0, started.size() - 1) + "+00:00";
    return started;
}

/// Text from the data, or `fallback` when it is empty.
std::string or_else(const std::string& text, const char* fallback) {
    return text.empty() ? std::string(fallback) : text;
}

nlohmann::ordered_json context_json(const ReportInputs& inputs) {
    const replay::Report& report = inputs.report;
    const replay::Environment environment = report.environment.value_or(replay::Environment{});
    std::string build_type = or_else(environment.build_type, "unknown");
    std::transform(build_type.begin(), build_type.end(), build_type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Google Benchmark only knows "release" and "debug"; RelWithDebInfo and MinSizeRel are optimised.
    if (build_type == "relwithdebinfo" || build_type == "minsizerel")
        build_type = "release";

    nlohmann::ordered_json load_avg = nlohmann::ordered_json::array();
    if (report.environment) {
        for (const double value : environment.load_average_start)
            load_avg.push_back(value);
    }
    nlohmann::ordered_json context = {
        {"date", benchmark_date(report.started)},
        {"host_name", or_else(environment.host_name, "unknown")},
        {"executable", "parity replay " + report.corpus.path},
        {"num_cpus", environment.cores},
        {"mhz_per_cpu",
         environment.mhz && *environment.mhz > 0 ? static_cast<std::uint64_t>(*environment.mhz) : 0},
        // Unknown (no governor reported) counts as enabled: the cautious reading for timings.
        {"cpu_scaling_enabled", environment.governor.value_or("") != "performance"},
        {"caches", nlohmann::ordered_json::array()},
        {"load_avg", std::move(load_avg)},
        {"library_build_type", build_type},
    };
    // Extra context, as benchmark::AddCustomContext adds it; compare.py ignores the context.
    context["parity_version"] = or_else(report.tool.version, "unknown");
    context["kernel"] = or_else(report.corpus.kernel, "unknown");
    context["reference"] = report.reference;
    context["candidate"] = report.candidate;
    if (report.baseline)
        context["baseline"] = report.baseline->adapter;
    context["real_time_statistic"] = "mean wall time per request (aggregates: percentiles)";
    return context;
}

nlohmann::ordered_json entry(const std::string& name, const std::string& run_name, std::size_t family,
                             const PathLatency& path, double real_time, double cpu_time) {
    return {{"name", name},
            {"family_index", family},
            {"per_family_instance_index", 0},
            {"run_name", run_name},
            {"run_type", "iteration"},
            {"repetitions", 1},
            {"repetition_index", 0},
            {"threads", 1},
            {"iterations", path.count},
            {"real_time", real_time},
            {"cpu_time", cpu_time},
            {"time_unit", "ns"}};
}

nlohmann::ordered_json aggregate(const std::string& run_name, std::size_t family, const PathLatency& path,
                                 const std::string& statistic, double real_time, double cpu_time) {
    return {{"name", run_name + "_" + statistic},
            {"family_index", family},
            {"per_family_instance_index", 0},
            {"run_name", run_name},
            {"run_type", "aggregate"},
            {"repetitions", 1},
            {"threads", 1},
            {"aggregate_name", statistic},
            {"aggregate_unit", "time"},
            {"iterations", path.count},
            {"real_time", real_time},
            {"cpu_time", cpu_time},
            {"time_unit", "ns"}};
}

}  // namespace

nlohmann::ordered_json benchmark_json(const ReportInputs& inputs) {
    const LatencyView view = latency_view(inputs);
    const std::string kernel = or_else(inputs.report.corpus.kernel, "parity");
    nlohmann::ordered_json benchmarks = nlohmann::ordered_json::array();
    std::size_t family = 0;
    for (const auto& path : view.paths) {
        if (!path.mean)
            continue;
        const std::string run_name = kernel + "/" + path.name;
        // compare.py needs a cpu_time in every entry: without CPU timings it repeats the wall time.
        benchmarks.push_back(
            entry(run_name, run_name, family, path, *path.mean, path.cpu_mean.value_or(*path.mean)));
        const std::pair<const char*, std::pair<std::optional<Estimate>, std::optional<double>>>
            percentiles[] = {{"p50", {path.p50, path.cpu_p50}},
                             {"p95", {path.p95, path.cpu_p95}},
                             {"p99", {path.p99, path.cpu_p99}}};
        for (const auto& [statistic, values] : percentiles) {
            const auto& [wall, cpu] = values;
            if (!wall)
                continue;
            benchmarks.push_back(
                aggregate(run_name, family, path, statistic, wall->value, cpu.value_or(wall->value)));
        }
        ++family;
    }
    return {{"context", context_json(inputs)}, {"benchmarks", std::move(benchmarks)}};
}

std::string render_benchmark_json(const ReportInputs& inputs) {
    return benchmark_json(inputs).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_benchmark_json(const std::filesystem::path& report_dir) {
    detail::write_output_file(report_dir / "benchmark.json",
                              render_benchmark_json(load_report_inputs(report_dir)));
}

}  // namespace parity::reports
