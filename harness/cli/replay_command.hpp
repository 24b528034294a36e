#pragma once

#include <CLI/CLI.hpp>

#include <memory>

#include "parity/harness/exit_codes.hpp"
#include "parity/replay/replay_options.hpp"

namespace parity::cli {

/// `parity replay` compares and times; `parity bench` is the same run with timing-first defaults
/// (one pinned worker, no noise runs, every request timed 3 times after 5 warm-up jobs).
enum class ReplayFlavour { replay, bench };

/// Registers `parity replay` (or `parity bench`) on `app`; the options are filled in by parsing.
std::shared_ptr<replay::ReplayOptions> setup_replay(CLI::App& app, ReplayFlavour flavour = ReplayFlavour::replay);

/// Runs a replay, writes its report, prints the summary, and says how it ended.
harness::ExitCode run_replay(const replay::ReplayOptions& options);

}  // namespace parity::cli
