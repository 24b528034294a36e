#pragma once

#include <filesystem>
#include <string>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports {

/// junit.xml: one <testsuite name="parity"> with a failing testcase per differing field pattern
/// (or one passing "all fields" testcase), one per crash or timeout, and one per gate criterion
/// when verdict.json is present. Valid XML 1.0 whatever the data holds.
std::string render_junit(const ReportInputs& inputs);

/// Writes <report_dir>/junit.xml from the folder's report.json (+ verdict.json).
void write_junit(const std::filesystem::path& report_dir);

}  // namespace parity::reports
