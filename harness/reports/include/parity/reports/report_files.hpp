#pragma once

#include <filesystem>

namespace parity::reports {

/// Renders every report file into a report folder from its report.json, results.jsonl and
/// verdict.json: report.md, report.html, junit.xml and benchmark.json. The inputs are read once.
/// Throws std::runtime_error naming the file that cannot be read or written.
///
///     parity::reports::write_all(result.out);
void write_all(const std::filesystem::path& report_dir);

}  // namespace parity::reports
