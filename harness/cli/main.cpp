// The `parity` command line: only builds the app and registers subcommands; each subcommand
// lives in its own <name>_command.{hpp,cpp} pair.

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "fuzz_command.hpp"
#include "gate_command.hpp"
#include "merge_command.hpp"
#include "parity/harness/exit_codes.hpp"
#include "parity/harness/version.hpp"
#include "parity/replay/repro_bundle.hpp"
#include "profile_command.hpp"
#include "replay_command.hpp"

namespace {

using parity::harness::ExitCode;

/// `parity profile … -- PROGRAM ARGS`: everything after `--` is the profiled command line, kept
/// away from CLI11 (whose own `--` handling would turn it into positionals of `profile`).
std::vector<std::string> split_profiled_program(int& argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) != "profile") return {};
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--") {
            std::vector<std::string> program(argv + i + 1, argv + argc);
            argc = i;
            return program;
        }
    }
    return {};
}

/// The command line as typed, each argument shell-quoted where it needs to be (for reports).
std::string quoted_command_line(int argc, char** argv) {
    std::string line = "parity";
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        const bool plain =
            !argument.empty() && argument.find_first_not_of(
                                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                     "-_./:=,@+%") == std::string::npos;
        line += " " + (plain ? argument : parity::replay::shell_quote(argument));
    }
    return line;
}

ExitCode run(int argc, char** argv) {
    const std::string command_line = quoted_command_line(argc, argv);
    std::vector<std::string> profiled_program = split_profiled_program(argc, argv);
    CLI::App app{"Parity: profile a service's hot functions and diff them against a native port."};
    app.name("parity");
    app.set_version_flag("--version", "parity " + std::string(parity::harness::version()));
    app.footer(std::string(parity::harness::exit_code_help));
    app.require_subcommand(0, 1);

    const auto replay_options = parity::cli::setup_replay(app);
    const auto bench_options = parity::cli::setup_replay(app, parity::cli::ReplayFlavour::bench);
    const auto gate_options = parity::cli::setup_gate(app);
    const auto merge_options = parity::cli::setup_merge(app);
    const auto profile_options = parity::cli::setup_profile(app);
    const auto fuzz_command = parity::cli::setup_fuzz(app);
    const auto shrink_command = parity::cli::setup_shrink(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version arrive here too, as "errors" with exit code 0.
        const int cli11_code = app.exit(error);
        return cli11_code == 0 ? ExitCode::success : ExitCode::usage_or_input;
    }
    if (app.got_subcommand("replay")) {
        return parity::cli::run_replay(*replay_options);
    }
    if (app.got_subcommand("bench")) {
        return parity::cli::run_replay(*bench_options);
    }
    if (app.got_subcommand("gate")) {
        return parity::cli::run_gate(*gate_options);
    }
    if (app.got_subcommand("merge")) {
        return parity::cli::run_merge(*merge_options);
    }
    if (app.got_subcommand("fuzz")) {
        fuzz_command->command_line = command_line;
        return parity::cli::run_fuzz(*fuzz_command);
    }
    if (app.got_subcommand("shrink")) {
        shrink_command->command_line = command_line;
        return parity::cli::run_shrink(*shrink_command);
    }
    if (app.got_subcommand("profile")) {
        profile_options->program = std::move(profiled_program);
        return parity::cli::run_profile(*profile_options);
    }
    std::cout << app.help();
    return ExitCode::success;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return to_int(run(argc, argv));
    } catch (const std::exception& error) {
        // A bug or an environment failure (e.g. out of memory): report it rather than abort.
        std::cerr << "parity: " << error.what() << '\n';
        return to_int(ExitCode::internal_error);
    }
}
