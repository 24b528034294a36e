#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

#include "parity/harness/exit_codes.hpp"

namespace parity::cli {

struct GateOptions {
    std::filesystem::path report_dir;
    std::filesystem::path policy_file;
};

/// Registers `parity gate REPORT_DIR --policy FILE`.
std::shared_ptr<GateOptions> setup_gate(CLI::App& app);

/// Judges the report against the policy, prints the verdict, writes verdict.json; the exit code is
/// the verdict's (0 GO, 1 NO-GO parity, 3 NO-GO performance/memory, 4 undecided, 2 bad input).
harness::ExitCode run_gate(const GateOptions& options);

}  // namespace parity::cli
