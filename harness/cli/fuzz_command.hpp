#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "parity/fuzz/fuzz_options.hpp"
#include "parity/harness/exit_codes.hpp"

namespace parity::cli {

struct FuzzCommand {
    fuzz::FuzzOptions options;
    std::string command_line;  // as typed, for the report
};

struct ShrinkCommand {
    fuzz::ShrinkOptions options;
    std::string target;  // REPRO_DIR or CORPUS
    std::string command_line;
};

/// Registers `parity fuzz CORPUS [--time 10m] [--seed S] [--jobs N] [--out DIR] …` (docs/fuzz.md).
std::shared_ptr<FuzzCommand> setup_fuzz(CLI::App& app);
/// Searches, shrinks, writes OUT; 0 when nothing diverged, 1 with findings, 2 for bad input.
harness::ExitCode run_fuzz(FuzzCommand& command);

/// Registers `parity shrink (REPRO_DIR | CORPUS --id ID) [--out DIR] …`.
std::shared_ptr<ShrinkCommand> setup_shrink(CLI::App& app);
/// Shrinks one diverging request; 1 when shrunk (it still diverges), 0 when it does not diverge, 2 for bad
/// input.
harness::ExitCode run_shrink(ShrinkCommand& command);

}  // namespace parity::cli
