#pragma once

#include <sys/types.h>

#include "parity/workers/pool_config.hpp"
#include "worker_exit.hpp"

namespace parity::workers {

/// The body of a freshly forked worker: executes config.python_executable, or starts Python in this
/// process when there is none, then runs the worker (worker_runtime.hpp) on `socket_fd`. Never
/// returns: ends with _exit, so nothing of the parent (static destructors, atexit handlers, buffered
/// output) runs twice.
[[noreturn]] void run_worker(int socket_fd, pid_t parent_pid, const PoolConfig& config) noexcept;

}  // namespace parity::workers
