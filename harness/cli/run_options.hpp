#pragma once

// The options saying where and how the paths run, shared by `parity fuzz` and `parity shrink` (and,
// for --python, by `parity replay`).

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string_view>

#include "parity/fuzz/fuzz_options.hpp"
#include "parity/harness/exit_codes.hpp"

namespace parity::cli {

/// The workers' Python unless --python says otherwise: the interpreter this build found, hosting the
/// worker through parity._worker, when the build made that module; else Python embedded in them.
[[nodiscard]] std::filesystem::path default_python_executable();

/// --python PATH|embedded, checked when parsed, into `python_executable` (set to the default first).
void add_python_option(CLI::App& command, std::filesystem::path& python_executable);

/// --reference, --candidate, --rules, --jobs, --timeout, --python-path, --python, --allow-modules,
/// --quiet; the build tree's Python folders are added when the command runs (finish_run_options).
void add_run_options(CLI::App& command, fuzz::RunOptions& options);
void finish_run_options(fuzz::RunOptions& options);

/// Runs `body`, turning what `parity fuzz` and `parity shrink` can throw into one line on stderr
/// ("parity NAME: …") and an exit code: 5 when writing failed (a full disk: the environment), else 2 (an
/// unreadable corpus or rules file, an adapter refused or unusable, an unusable --out, bad input).
[[nodiscard]] harness::ExitCode run_reporting_errors(std::string_view name,
                                                     const std::function<harness::ExitCode()>& body);

}  // namespace parity::cli
