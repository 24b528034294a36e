#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parity/gate/verdict_model.hpp"
#include "parity/replay/report_model.hpp"

namespace parity::reports {

/// One line of results.jsonl reduced to what the reports draw: wall and CPU times of the paths
/// that ran (status "ok" or "error"); a path that crashed, timed out or never ran has none.
struct RequestTiming {
    std::string id;
    std::string outcome;
    std::optional<double> reference_wall_ns;
    std::optional<double> reference_cpu_ns;
    std::optional<double> candidate_wall_ns;
    std::optional<double> candidate_cpu_ns;
    std::optional<double> baseline_wall_ns;  ///< with --baseline: the live build's run of the request
    std::optional<double> baseline_cpu_ns;
};

/// Everything a report folder holds that the report files are rendered from.
struct ReportInputs {
    /// report.json, read tolerantly: a report older than a section has it as nullopt, and what a
    /// hand-made or damaged one lacks is at its default and listed in `problems`.
    replay::Report report;
    std::vector<RequestTiming> requests;   ///< results.jsonl, empty when the file is absent
    std::optional<gate::Verdict> verdict;  ///< verdict.json written by the gate, when present
    /// What report.json and verdict.json lack or hold malformed: "report.json: summary.skipped: missing".
    std::vector<std::string> problems;
};

/// Reads report.json, results.jsonl (optional) and verdict.json (optional) from a report folder.
/// Throws std::runtime_error naming the file when one is present but unreadable, not JSON or not a
/// JSON object; missing or malformed keys are only listed in `problems` (the gate reads strictly).
///
///     const auto inputs = parity::reports::load_report_inputs("reports/imports-20260101T000000Z");
ReportInputs load_report_inputs(const std::filesystem::path& report_dir);

/// Parses results.jsonl content; `source` names the file in error messages.
std::vector<RequestTiming> parse_results_jsonl(std::istream& in, const std::string& source);

}  // namespace parity::reports
