#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

#include "parity/replay/replay_result.hpp"

namespace parity::replay {

/// Version of report.json's layout (docs/report-schema.md); bumped on any incompatible change.
constexpr int report_schema_version = 1;

/// The report as JSON (docs/report-schema.md).
[[nodiscard]] nlohmann::ordered_json report_json(const ReplayResult& result);

/// Writes `<out>/report.json`.
void write_report(const ReplayResult& result);

/// The short console summary: counts, top differing fields with one example each, where the report is.
void print_summary(const ReplayResult& result, std::ostream& out);

}  // namespace parity::replay
