#include "worker_main.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <pybind11/embed.h>

#include "parity/workers/worker_runtime.hpp"
#include "worker_exit.hpp"

namespace parity::workers {
namespace {

namespace py = pybind11;

constexpr int first_inherited_fd = STDERR_FILENO + 1;

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

/// Run by the interpreter the pool executes (`python -c BOOTSTRAP <socket fd> <config JSON>`):
/// finds parity._worker on the config's Python path and hands it the socket. Without the module it
/// tells the pool why, in the one message the pool expects then (a frame: 4-byte little-endian
/// length, then MessagePack {"kind": "startup_failed", "message": ...}), and exits with status 70.
/// The Python path is put back as it was: the worker prepends it again, as an embedded one does.
constexpr const char* bootstrap = R"PY(
import json, os, struct, sys
if sys.path and sys.path[0] == "":
    del sys.path[0]  # the current folder, which -c puts first
fd, config = int(sys.argv[1]), sys.argv[2]
del sys.argv[1:]
path = json.loads(config)["python_path"]
sys.path[:0] = path
try:
    from parity._worker import serve
except ImportError as error:
    def text(value):
        data = value.encode("utf-8", "replace")
        return (bytes([0xA0 | len(data)]) if len(data) < 32 else b"\xda" + struct.pack(">H", len(data))) + data
    message = (f"cannot import parity._worker with {sys.executable} ({error}); build the target "
               f"parity_worker_module, or run the workers' Python embedded (--python embedded)")[:16000]
    sys.stderr.write(f"parity worker {os.getpid()}: {message}\n")
    body = b"\x82" + text("kind") + text("startup_failed") + text("message") + text(message)
    os.write(fd, struct.pack("<I", len(body)) + body)
    os._exit(70)
del sys.path[:len(path)]
serve(fd, config)
)PY";

/// Replaces this process by `config.python_executable` running the worker (worker_runtime.hpp).
[[noreturn]] void execute_interpreter(int socket_fd, const PoolConfig& config) noexcept {
    std::string message;
    try {
        const std::string executable = config.python_executable.string();
        const std::string fd_text = std::to_string(socket_fd);
        const std::string config_json = worker_config_json(config);
        ::fcntl(socket_fd, F_SETFD, 0);  // the socket stays open across exec
        const std::array<const char*, 6> argv{executable.c_str(), "-c", bootstrap, fd_text.c_str(),
                                              config_json.c_str(), nullptr};
        ::execv(executable.c_str(), const_cast<char* const*>(argv.data()));  // NOLINT: execv's signature
        message = "cannot run the Python interpreter " + executable + ": " + std::strerror(errno);
    } catch (const std::exception& error) {
        message = std::string("cannot run the Python interpreter: ") + error.what();
    }
    report_startup_failure(socket_fd, message);
    leave(WorkerExit::startup_failed);
}

}  // namespace

std::filesystem::path build_python_executable() {
    return PARITY_PYTHON_EXECUTABLE;
}

void run_worker(int socket_fd, pid_t parent_pid, const PoolConfig& config) noexcept {
    socket_fd = prepare_process(socket_fd, parent_pid);
    if (!config.python_executable.empty()) {
        execute_interpreter(socket_fd, config);
    }
    try {
        start_interpreter();
    } catch (const std::exception& error) {
        const std::string message = std::string("the Python interpreter did not start: ") + error.what();
        report_startup_failure(socket_fd, message);
        leave(WorkerExit::startup_failed);
    }
    serve_in_interpreter(socket_fd, config);
}

}  // namespace parity::workers
