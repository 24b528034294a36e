#pragma once

#include <CLI/CLI.hpp>

#include <memory>

#include "parity/harness/exit_codes.hpp"
#include "parity/replay/replay_options.hpp"

namespace parity::cli {

/// Registers `parity replay` on `app`; the returned options are filled in by parsing.
std::shared_ptr<replay::ReplayOptions> setup_replay(CLI::App& app);

/// Runs a replay, writes its report, prints the summary, and says how it ended.
harness::ExitCode run_replay(const replay::ReplayOptions& options);

}  // namespace parity::cli
