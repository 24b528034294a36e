#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
};

/// Everything a report folder holds that the report files are rendered from.
struct ReportInputs {
    nlohmann::json report;                  ///< report.json (schema_version 1), sections optional
    std::vector<RequestTiming> requests;    ///< results.jsonl, empty when the file is absent
    std::optional<nlohmann::json> verdict;  ///< verdict.json written by the gate, when present
};

/// Reads report.json, results.jsonl (optional) and verdict.json (optional) from a report folder.
/// Throws std::runtime_error naming the file when one is present but unreadable or malformed.
///
///     const auto inputs = parity::reports::load_report_inputs("reports/imports-20260101T000000Z");
ReportInputs load_report_inputs(const std::filesystem::path& report_dir);

/// Parses results.jsonl content; `source` names the file in error messages.
std::vector<RequestTiming> parse_results_jsonl(std::istream& in, const std::string& source);

}  // namespace parity::reports
