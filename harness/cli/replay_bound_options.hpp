#pragma once

#include <memory>

#include <CLI/CLI.hpp>

#include "parity/replay/replay_options.hpp"

namespace parity::cli {

/// The --max-* options of `parity replay` and `parity bench`: the caps that keep a replay's memory and
/// report folder bounded whatever the adapters return (docs/replay.md, "Bounded reports").
void add_bound_options(CLI::App& command, const std::shared_ptr<replay::ReplayOptions>& options);

}  // namespace parity::cli
