#include "run_options.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <iostream>
#include <system_error>

#include "build_tree_python_path.hpp"
#include "parity/platform/cpu_budget.hpp"
#include "parity/replay/report_folder.hpp"
#include "parity/workers/pool_config.hpp"
#include "parity/workers/worker_pool.hpp"

namespace parity::cli {

std::filesystem::path default_python_executable() {
#ifdef PARITY_WORKERS_EXECUTE_PYTHON
    return workers::build_python_executable();
#else
    return {};
#endif
}

void add_python_option(CLI::App& command, std::filesystem::path& python_executable) {
    python_executable = default_python_executable();
    command.add_option_function<std::string>(
        "--python",
        [&python_executable](const std::string& value) {
            if (value == "embedded") {
                python_executable.clear();
                return;
            }
            const std::string cannot_run = "cannot run the Python interpreter " + value + ": ";
            if (std::filesystem::is_directory(value)) {
                throw CLI::ValidationError("--python", cannot_run + "not an executable file");
            }
            if (::access(value.c_str(), X_OK) != 0) {
                throw CLI::ValidationError("--python", cannot_run + std::strerror(errno));
            }
            python_executable = value;
        },
        "Python interpreter the workers run the adapters in, or 'embedded' for the libpython parity links "
        "(default: " +
            workers::python_argument(default_python_executable()) + ")");
}

void add_run_options(CLI::App& command, fuzz::RunOptions& options) {
    command.add_option("--reference", options.reference,
                       "Reference adapter MODULE:ATTR (default: the manifest's)");
    command.add_option("--candidate", options.candidate,
                       "Candidate adapter MODULE:ATTR (default: the manifest's)");
    command.add_option("--rules", options.rules_file, "Diff rules file (docs/diff-rules.md)")
        ->check(CLI::ExistingFile);
    options.jobs = platform::usable_cpus();
    command.add_option("--jobs,-j", options.jobs, "Worker processes")
        ->check(CLI::Range(1u, 256u))
        ->capture_default_str();
    command
        .add_option_function<double>(
            "--timeout",
            [&options](double seconds) {
                options.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
            },
            "Seconds one path may take on one input before it is killed (default 10)")
        ->check(CLI::PositiveNumber);
    command.add_option("--python-path", options.python_path,
                       "Folder to put on the workers' sys.path (repeatable; PYTHONPATH is honoured too)");
    add_python_option(command, options.python_executable);
    command
        .add_option("--allow-modules", options.allowed_modules,
                    "Import only adapters in these modules, PREFIX[,PREFIX]; any other is refused, exit 2")
        ->delimiter(',');
    command.add_flag("--quiet,-q", options.quiet, "No progress output");
}

void finish_run_options(fuzz::RunOptions& options) {
    options.default_python_path = build_tree_python_path();
}

harness::ExitCode run_reporting_errors(std::string_view name,
                                       const std::function<harness::ExitCode()>& body) {
    const std::string prefix = "parity " + std::string(name) + ": ";
    try {
        return body();
    } catch (const replay::ReportFolderError& error) {
        std::cerr << prefix << "--out " << error.what() << '\n';
    } catch (const workers::WorkerStartError& error) {
        std::cerr << prefix << "the workers cannot start: " << error.what() << '\n';
    } catch (const std::system_error& error) {
        // Writing the output failed (a full disk, a folder gone): the environment, not the input.
        std::cerr << prefix << error.what() << '\n';
        return harness::ExitCode::internal_error;
    } catch (const std::runtime_error& error) {
        // Corpus format, rules, adapters not allowed or unusable, bad input: each says what and where.
        std::cerr << prefix << error.what() << '\n';
    }
    return harness::ExitCode::usage_or_input;
}

}  // namespace parity::cli
