#pragma once

#include <filesystem>
#include <string>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports {

/// report.md: a short GitHub-flavoured Markdown summary for a pull-request comment: verdict line,
/// latency table, top differing fields with one example each, crashes and timeouts, and the
/// environment in a collapsed <details>.
std::string render_markdown(const ReportInputs& inputs);

/// Writes <report_dir>/report.md from the folder's report.json (+ results.jsonl, verdict.json).
///
///     parity::reports::write_markdown(out);  // out/report.md
void write_markdown(const std::filesystem::path& report_dir);

}  // namespace parity::reports
