#pragma once

#include <sys/types.h>

#include "parity/workers/pool_config.hpp"

namespace parity::workers {

/// Exit statuses of a worker process that ends on its own (a crash ends it by a signal instead).
enum class WorkerExit : int {
    stopped = 0,          // told to stop, or the pool closed the socket
    startup_failed = 70,  // the interpreter did not start (a startup_failed message was sent)
    protocol_error = 71,  // an unreadable message, or the pool went away mid-message
    parent_gone = 72,     // the pool's process died before the worker started
};

/// The body of a freshly forked worker: starts Python, imports and sets up both adapters, then runs
/// jobs received on `socket_fd` until told to stop (protocol.hpp). Never returns: ends with _exit, so
/// nothing of the parent (static destructors, atexit handlers, buffered output) runs twice.
[[noreturn]] void run_worker(int socket_fd, pid_t parent_pid, const PoolConfig& config) noexcept;

}  // namespace parity::workers
