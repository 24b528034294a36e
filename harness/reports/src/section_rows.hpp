#pragma once

// The "key: value" rows report.md and report.html show for the run's options, environment and memory.

#include <string>
#include <utility>
#include <vector>

#include "parity/replay/report_environment.hpp"
#include "parity/replay/report_memory.hpp"
#include "parity/replay/report_run.hpp"

namespace parity::reports::detail {

using Rows = std::vector<std::pair<std::string, std::string>>;

/// Every option given, named as in report.json ("jobs": "2"); options not given are left out.
Rows option_rows(const replay::RunOptions& options);

/// Every environment key as in report.json, unknown values as "unknown".
Rows environment_rows(const replay::Environment& environment);

/// Each path's growth over its timed runs, the workers' size, parity's own peak.
Rows memory_rows(const replay::Memory& memory);

}  // namespace parity::reports::detail
