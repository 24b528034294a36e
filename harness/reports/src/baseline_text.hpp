#pragma once

// How report.json's "baseline" reads in every report file, so that report.md, report.html and
// junit.xml count the candidate against the live build in the same words.

#include <string>
#include <vector>

#include "parity/replay/report_baseline.hpp"

namespace parity::reports::detail {

/// "2 of 4 compared requests match, 1 differs; the baseline timed out on 1": the baseline's own
/// failures are named only when there are some.
std::string baseline_counts_text(const replay::BaselineSummary& summary);

/// --baseline-path as the baseline's sys.path starts, joined like PYTHONPATH: "/srv/a:/srv/b".
std::string python_path_text(const std::vector<std::string>& python_path);

}  // namespace parity::reports::detail
