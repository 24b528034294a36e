#include "worker_main.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include <pybind11/embed.h>

#include "fixture_loader.hpp"
#include "framing.hpp"
#include "protocol.hpp"
#include "python_adapter.hpp"
#include "process_memory.hpp"
#include "python_error.hpp"

namespace parity::workers {
namespace {

namespace py = pybind11;

constexpr int first_inherited_fd = STDERR_FILENO + 1;

[[noreturn]] void leave(WorkerExit code) noexcept {
    std::fflush(nullptr);
    ::_exit(static_cast<int>(code));
}

/// Flushes what adapters printed, then exits without finalising Python: finalisation can hang on
/// threads an adapter started, and there is nothing left to save.
[[noreturn]] void leave_python(WorkerExit code) noexcept {
    try {
        const py::module_ sys = py::module_::import("sys");
        sys.attr("stdout").attr("flush")();
        sys.attr("stderr").attr("flush")();
    } catch (...) {  // NOLINT(bugprone-empty-catch): exiting anyway
    }
    leave(code);
}

void report(std::string_view text) noexcept {
    const std::string line = "parity worker " + std::to_string(::getpid()) + ": " + std::string(text) + "\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}

/// Detaches the new process from what it inherited; returns the socket's descriptor (moved above
/// the standard ones if needed).
int prepare_process(int socket_fd, pid_t parent_pid) {
    // Die with the pool's process, however it dies.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent_pid) {
        leave(WorkerExit::parent_gone);
    }
    // The parent's signal handlers (Catch2's, the CLI's) are not ours: a segfault must kill this
    // process plainly so the pool sees SIGSEGV. SIGINT is ignored: Ctrl-C is for the pool, which then
    // stops its workers; an ignored SIGINT also keeps Python from installing KeyboardInterrupt.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (const int reset : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD,
                            SIGALRM, SIGUSR1, SIGUSR2}) {
        ::signal(reset, SIG_DFL);
    }
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGPIPE, SIG_IGN);

    if (socket_fd < first_inherited_fd) {
        socket_fd = ::fcntl(socket_fd, F_DUPFD, first_inherited_fd);
    }
    // Other workers' sockets must not stay open here, or a worker would not see end of file when
    // the pool closes its socket; nor may the parent's files.
    if (socket_fd > first_inherited_fd) {
        ::close_range(first_inherited_fd, static_cast<unsigned>(socket_fd) - 1, 0);
    }
    ::close_range(static_cast<unsigned>(socket_fd) + 1, ~0U, 0);

    // Adapters must not read the terminal, nor print into the pool's standard output (a report or
    // a progress bar may be written there): their stdout goes to stderr.
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd >= 0) {
        ::dup2(null_fd, STDIN_FILENO);
        ::close(null_fd);
    }
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    return socket_fd;
}

/// Starts Python as /usr/bin/python3 would (environment honoured, signal handlers installed), but
/// named after the interpreter the build found: by default Python derives sys.executable and
/// sys.prefix from whichever `python3` comes first on PATH.
void start_interpreter() {
    PyConfig python_config;
    PyConfig_InitIsolatedConfig(&python_config);
    python_config.isolated = 0;
    python_config.use_environment = 1;
    python_config.install_signal_handlers = 1;
    const PyStatus status =
        PyConfig_SetBytesString(&python_config, &python_config.program_name, PARITY_PYTHON_EXECUTABLE);
    if (PyStatus_Exception(status) != 0) {
        PyConfig_Clear(&python_config);
        throw std::runtime_error(status.err_msg != nullptr ? status.err_msg : "cannot set the program name");
    }
    // No program directory on sys.path: the pool's executable has nothing to import there.
    py::initialize_interpreter(&python_config, 0, nullptr, false);
}

void configure_python(const PoolConfig& config) {
    const py::module_ sys = py::module_::import("sys");
    // Line-buffered, so that what an adapter printed before crashing the process is not lost.
    for (const char* stream : {"stdout", "stderr"}) {
        const py::object file = sys.attr(stream);
        if (py::hasattr(file, "reconfigure")) {
            file.attr("reconfigure")(py::arg("line_buffering") = true);
        }
    }
    py::list entries;
    for (const auto& entry : config.python_path) {
        entries.append(py::str(entry.string()));
    }
    sys.attr("path") = entries + sys.attr("path");
    if (config.trace_python_memory) {
        py::module_::import("tracemalloc").attr("start")();
    }
}

/// Both adapters, imported and set up.
struct Adapters {
    PythonAdapter reference;
    PythonAdapter candidate;

    [[nodiscard]] const PythonAdapter& for_path(PathName path) const {
        return path == PathName::candidate ? candidate : reference;
    }
};

void run_job(int socket_fd, const Adapters& adapters, const nlohmann::json& message) {
    const Job job = protocol::parse_job(message);
    const py::bytes line(job.request_line);
    for (const PathName path : protocol::run_order(job)) {
        write_frame(socket_fd, protocol::started_message(path));
        write_frame(socket_fd, protocol::result_message(path, adapters.for_path(path).run(line)));
    }
    write_frame(socket_fd, protocol::done_message(job.sequence, resident_set_bytes()));
}

[[noreturn]] void serve(int socket_fd, const Adapters& adapters) {
    for (;;) {
        const auto message = read_frame(socket_fd);
        if (!message) {
            leave_python(WorkerExit::stopped);  // the pool closed the socket
        }
        const std::string kind = protocol::message_kind(*message);
        if (kind == protocol::kind::stop) {
            leave_python(WorkerExit::stopped);
        }
        if (kind != protocol::kind::job) {
            throw std::runtime_error("unexpected message " + kind);
        }
        run_job(socket_fd, adapters, *message);
    }
}

/// Loads fixtures, imports and sets up the adapters, and says ready.
Adapters start(int socket_fd, const PoolConfig& config) {
    configure_python(config);
    write_frame(socket_fd, protocol::phase_message("loading fixtures"));
    const LoadedFixtures fixtures = load_fixtures(config.fixtures_dir);

    write_frame(socket_fd, protocol::phase_message("importing the reference adapter"));
    PythonAdapter reference(PathName::reference, config.reference_adapter);
    write_frame(socket_fd, protocol::phase_message("reference adapter setup()"));
    // A dict of their own for each: one adapter adding or removing fixtures cannot affect the other.
    reference.setup(py::dict(fixtures.fixtures));
    write_frame(socket_fd, protocol::phase_message("importing the candidate adapter"));
    PythonAdapter candidate(PathName::candidate, config.candidate_adapter);
    write_frame(socket_fd, protocol::phase_message("candidate adapter setup()"));
    candidate.setup(py::dict(fixtures.fixtures));

    std::vector<AdapterProblem> problems;
    for (const PythonAdapter* adapter : {&reference, &candidate}) {
        if (adapter->problem()) {
            problems.push_back(*adapter->problem());
        }
    }
    write_frame(socket_fd, protocol::ready_message(fixtures.problems, problems));
    return Adapters{std::move(reference), std::move(candidate)};
}

}  // namespace

void run_worker(int socket_fd, pid_t parent_pid, const PoolConfig& config) noexcept {
    socket_fd = prepare_process(socket_fd, parent_pid);
    try {
        start_interpreter();
    } catch (const std::exception& error) {
        const std::string message = std::string("the Python interpreter did not start: ") + error.what();
        report(message);
        try {
            write_frame(socket_fd, protocol::startup_failed_message(message));
        } catch (...) {  // NOLINT(bugprone-empty-catch): the pool sees the exit status instead
        }
        leave(WorkerExit::startup_failed);
    }

    std::optional<Adapters> adapters;
    try {
        adapters.emplace(start(socket_fd, config));
    } catch (const std::exception& error) {
        // A failure of the worker itself (not of an adapter, which start() reports as a problem).
        const std::string message = std::string("worker startup failed: ") + error.what();
        report(message);
        try {
            write_frame(socket_fd, protocol::startup_failed_message(message));
        } catch (...) {  // NOLINT(bugprone-empty-catch): the pool sees the exit status instead
        }
        leave_python(WorkerExit::startup_failed);
    }
    try {
        serve(socket_fd, *adapters);
    } catch (const std::exception& error) {
        report(error.what());
        leave_python(WorkerExit::protocol_error);
    }
}

}  // namespace parity::workers
