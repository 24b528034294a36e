#include "profile_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "build_tree_python_path.hpp"
#include "parity/harness/utc_time.hpp"

namespace parity::cli {
namespace {

/// `parity profile -- python3 -m importer …` names the interpreter; the profiler runs the program in
/// its own (pinned) interpreter, so a leading python executable is dropped.
std::vector<std::string> without_interpreter(std::vector<std::string> program) {
    if (!program.empty() && std::filesystem::path(program.front()).filename().string().starts_with("python")) {
        program.erase(program.begin());
    }
    return program;
}

/// The build tree's Python folders (as for replay's workers) ahead of PYTHONPATH.
void set_python_path() {
    std::string path;
    for (const auto& folder : build_tree_python_path()) {
        path += (path.empty() ? "" : ":") + folder.string();
    }
    if (const char* existing = std::getenv("PYTHONPATH"); existing != nullptr && *existing != '\0') {
        path += (path.empty() ? "" : ":") + std::string(existing);
    }
    if (!path.empty()) ::setenv("PYTHONPATH", path.c_str(), 1);
}

}  // namespace

std::shared_ptr<ProfileOptions> setup_profile(CLI::App& app) {
    auto options = std::make_shared<ProfileOptions>();
    CLI::App* command = app.add_subcommand(
        "profile",
        "Where a service's time goes, before and after a port: stage shares by wall and CPU time, sampled "
        "Python stacks with native frames, memory growth, size scaling, flame graphs (docs/profile.md).\n"
        "  parity profile [--out DIR] -- python3 -m importer import big.csv --db x.sqlite\n"
        "  parity profile CORPUS --handler module:attr [--limit N]\n"
        "  parity profile --compare BEFORE AFTER --out DIR");
    command->add_option("corpus", options->corpus, "Corpus of handler requests (with --handler)")
        ->check(CLI::ExistingDirectory);
    command->add_option("--handler", options->handler, "Handler adapter MODULE:ATTR (setup/run, like kernels)");
    command->add_option("--limit", options->limit, "Profile at most N requests of the corpus");
    command->add_option("--compare", options->compare, "Compare two profiles: BEFORE AFTER (folders)")
        ->expected(2)
        ->check(CLI::ExistingPath);
    command->add_option("--out", options->out, "Report folder (default: reports/profile-<UTC timestamp>)");
    command->add_option("--interval-ms", options->interval_ms, "Sampling interval")
        ->check(CLI::Range(0.5, 1000.0))
        ->capture_default_str();
    command->add_flag("--memory", options->memory, "Also trace Python allocations (tracemalloc; slows ~7x)");
    return options;
}

harness::ExitCode run_profile(const ProfileOptions& options) {
    const int modes = (options.corpus ? 1 : 0) + (options.compare.empty() ? 0 : 1) + (options.program.empty() ? 0 : 1);
    if (modes != 1) {
        std::cerr << "parity profile: give exactly one of: a corpus with --handler, --compare BEFORE AFTER, or a "
                     "command after --\n";
        return harness::ExitCode::usage_or_input;
    }
    if (options.corpus && !options.handler) {
        std::cerr << "parity profile: a corpus needs --handler MODULE:ATTR\n";
        return harness::ExitCode::usage_or_input;
    }
    std::vector<std::string> arguments = {PARITY_PYTHON_EXECUTABLE, "-m", "parity.profiling"};
    const std::string out = (options.out ? *options.out : harness::timestamped_report_folder("profile")).string();
    if (!options.compare.empty()) {
        arguments.insert(arguments.end(), {"compare", options.compare[0].string(), options.compare[1].string(),
                                           "--out", out});
    } else {
        arguments.push_back(options.corpus ? "corpus" : "run");
        if (options.corpus) {
            arguments.insert(arguments.end(), {options.corpus->string(), "--handler", *options.handler});
            if (options.limit) arguments.insert(arguments.end(), {"--limit", std::to_string(*options.limit)});
        }
        arguments.insert(arguments.end(), {"--out", out, "--interval-ms", std::to_string(options.interval_ms)});
        if (options.memory) arguments.emplace_back("--memory");
        if (!options.corpus) {
            const auto program = without_interpreter(options.program);
            arguments.emplace_back("--");
            arguments.insert(arguments.end(), program.begin(), program.end());
        }
    }
    set_python_path();
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv(argv[0], argv.data());
    std::cerr << "parity profile: cannot run " << argv[0] << ": " << std::strerror(errno) << '\n';
    return harness::ExitCode::usage_or_input;
}

}  // namespace parity::cli
