#pragma once

#include <string_view>

namespace parity::workers {

/// Exit statuses of a worker process that ends on its own (a crash ends it by a signal instead).
enum class WorkerExit : int {
    stopped = 0,          // told to stop, or the pool closed the socket
    startup_failed = 70,  // the interpreter did not start (a startup_failed message was sent)
    protocol_error = 71,  // an unreadable message, or the pool went away mid-message
    parent_gone = 72,     // the pool's process died before the worker started
};

/// Ends the worker process with _exit, so that nothing of the parent (static destructors, atexit
/// handlers, buffered output) runs twice.
[[noreturn]] void leave(WorkerExit code) noexcept;

/// One line on standard error: "parity worker <pid>: <text>".
void report(std::string_view text) noexcept;

/// Why the worker cannot start: reported, and sent to the pool as its startup_failed message when
/// the socket still takes it (else the pool sees the exit status instead).
void report_startup_failure(int socket_fd, std::string_view message) noexcept;

}  // namespace parity::workers
