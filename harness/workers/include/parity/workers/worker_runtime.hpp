#pragma once

// The worker's side of the pool conversation (src/protocol.hpp), in a process whose Python is
// running: loads the fixtures, imports and sets up both adapters, says ready, then runs jobs until
// told to stop. Two kinds of process run it:
//  - a forked process that starts Python itself, from the libpython this executable links
//    (PoolConfig::python_executable empty);
//  - the interpreter the pool executes (PoolConfig::python_executable), through the extension module
//    parity._worker (bindings/worker): the same code, hosted by the Python the service runs on.

#include <string>
#include <string_view>

#include "parity/workers/pool_config.hpp"

namespace parity::workers {

/// Never returns: ends the process with _exit once told to stop (or on a failure, which it reports
/// to the pool first where it can).
[[noreturn]] void serve_in_interpreter(int socket_fd, const PoolConfig& config) noexcept;

/// The same, with the config as worker_config_json wrote it on the interpreter's command line.
[[noreturn]] void serve_in_interpreter(int socket_fd, std::string_view config_json) noexcept;

/// What an executed worker needs of `config`, as JSON text: the adapters, the fixtures folder, the
/// Python path and the tracemalloc switch.
[[nodiscard]] std::string worker_config_json(const PoolConfig& config);

}  // namespace parity::workers
