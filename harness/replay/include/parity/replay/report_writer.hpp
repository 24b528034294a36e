#pragma once

#include <ostream>

#include "parity/replay/replay_result.hpp"
#include "parity/replay/report_model.hpp"

namespace parity::replay {

/// report.json's model of a finished replay (docs/report.schema.json).
[[nodiscard]] Report make_report(const ReplayResult& result);

/// Writes `<out>/report.json`.
void write_report(const ReplayResult& result);

/// The short console summary: counts, top differing fields with one example each, where the report is.
void print_summary(const ReplayResult& result, std::ostream& out);

}  // namespace parity::replay
