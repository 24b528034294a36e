#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports {

/// benchmark.json in Google Benchmark's JSON output format, so that benchmark's tools/compare.py
/// can compare Parity runs (`compare.py benchmarks old/benchmark.json new/benchmark.json`) or the
/// two paths of one run (`compare.py filters benchmark.json reference candidate`).
///
/// Per path, one "iteration" entry `<kernel>/<path>` whose real_time and cpu_time are the MEAN
/// wall and CPU time per request (what Google Benchmark reports for an iteration run: total time
/// over iterations), with iterations = requests measured; then "aggregate" entries
/// `<kernel>/<path>_p50`, `_p95`, `_p99` (aggregate_name "p50"...) holding those percentiles.
/// Paths without timings are left out.
nlohmann::ordered_json benchmark_json(const ReportInputs& inputs);

/// benchmark_json() as the text written to benchmark.json.
std::string render_benchmark_json(const ReportInputs& inputs);

/// Writes <report_dir>/benchmark.json from the folder's report.json (+ results.jsonl).
void write_benchmark_json(const std::filesystem::path& report_dir);

}  // namespace parity::reports
