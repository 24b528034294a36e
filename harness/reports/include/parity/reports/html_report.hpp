#pragma once

#include <filesystem>
#include <string>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports {

/// report.html: one self-contained page (inline CSS and SVG, no script, no network) with the
/// verdict, summary counts, latency CDF and histograms, per-request speedup distribution,
/// differing fields with expandable examples, crashes and timeouts, and the environment.
/// Every string from the data is HTML-escaped.
std::string render_html(const ReportInputs& inputs);

/// Writes <report_dir>/report.html from the folder's report.json (+ results.jsonl, verdict.json).
void write_html(const std::filesystem::path& report_dir);

}  // namespace parity::reports
