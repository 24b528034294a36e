#pragma once

#include <sys/types.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "exit_status.hpp"
#include "parity/workers/pool_config.hpp"

namespace parity::workers {

/// The pool's handle on one forked worker: its pid and the pool's end of their socket pair. The
/// destructor kills and reaps a worker still running.
class WorkerProcess {
  public:
    /// Forks a worker that runs run_worker (worker_main.hpp) and never returns into the caller's code.
    /// Throws std::system_error if fork or socketpair fail.
    static WorkerProcess spawn(const PoolConfig& config);

    WorkerProcess(WorkerProcess&& other) noexcept;
    WorkerProcess& operator=(WorkerProcess&& other) noexcept;
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;
    ~WorkerProcess();

    [[nodiscard]] int fd() const noexcept {
        return fd_;
    }
    [[nodiscard]] pid_t pid() const noexcept {
        return pid_;
    }

    /// Sends one message; false if the worker is gone (its death is then seen as end of file).
    bool send(const nlohmann::json& message) noexcept;

    /// SIGKILL, then waits for it.
    ExitStatus kill_and_reap() noexcept;
    /// Waits for a worker that closed its socket to exit; kills it if it has not within `grace`.
    ExitStatus reap(std::chrono::milliseconds grace) noexcept;

  private:
    WorkerProcess(pid_t pid, int fd) noexcept : pid_(pid), fd_(fd) {}
    void release() noexcept;

    pid_t pid_ = -1;
    int fd_ = -1;
};

}  // namespace parity::workers
