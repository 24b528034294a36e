#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports::testing {

/// The hand-written report folders under tests/data: "matching", "mismatching" (with
/// verdict.json, a crash and a timeout), "minimal" (no latency, environment or results.jsonl),
/// "hostile" (injection attempts and characters XML forbids), "drifting" (reference drift) and
/// "baseline" ("matching" replayed with --baseline: a difference from the live build, its timings,
/// memory and a verdict with the baseline's criteria).
std::filesystem::path fixture_dir(const std::string& name);

/// The fixture's inputs, as write_all would read them.
ReportInputs load_fixture(const std::string& name);

/// `inputs` without anything --baseline adds: report.json's baseline parts, the baseline's timings in
/// results.jsonl, and verdict.json (whose criteria name the baseline). Of the "baseline" fixture, this
/// is the "matching" one.
ReportInputs without_baseline(ReportInputs inputs);

/// The lines of `text`, without their line ends.
std::vector<std::string> lines_of(const std::string& text);

/// A fresh copy of the fixture folder in a temporary directory, for tests that write files.
std::filesystem::path copy_fixture(const std::string& name);

/// The whole content of a file.
std::string read_text(const std::filesystem::path& path);

/// How many times `needle` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle);

}  // namespace parity::reports::testing
