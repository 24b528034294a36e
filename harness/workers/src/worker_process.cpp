#include "worker_process.hpp"

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <system_error>
#include <thread>
#include <utility>

#include "framing.hpp"
#include "worker_main.hpp"

namespace parity::workers {
namespace {

constexpr std::chrono::milliseconds reap_poll_interval{1};

/// waitpid() retried on EINTR; nullopt while the child is still running (with WNOHANG).
std::optional<ExitStatus> wait_for(pid_t pid, int options) {
    int wait_status = 0;
    for (;;) {
        const pid_t waited = ::waitpid(pid, &wait_status, options);
        if (waited == pid) {
            return exit_status_from_wait(wait_status);
        }
        if (waited == 0) {
            return std::nullopt;
        }
        if (errno != EINTR) {
            return ExitStatus{0, 0, false};  // ECHILD: reaped by someone else
        }
    }
}

}  // namespace

WorkerProcess WorkerProcess::spawn(const PoolConfig& config) {
    int fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        throw std::system_error(errno, std::generic_category(), "socketpair");
    }
    const pid_t parent = ::getpid();
    // Output still buffered at fork would be written twice, once by each process.
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int fork_errno = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::system_error(fork_errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
        ::close(fds[0]);
        run_worker(fds[1], parent, config);
    }
    ::close(fds[1]);
    return WorkerProcess(pid, fds[0]);
}

WorkerProcess::WorkerProcess(WorkerProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), fd_(std::exchange(other.fd_, -1)) {}

WorkerProcess& WorkerProcess::operator=(WorkerProcess&& other) noexcept {
    if (this != &other) {
        if (pid_ > 0) {
            kill_and_reap();
        }
        release();
        pid_ = std::exchange(other.pid_, -1);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

WorkerProcess::~WorkerProcess() {
    if (pid_ > 0) {
        kill_and_reap();
    }
    release();
}

bool WorkerProcess::send(const nlohmann::json& message) noexcept {
    try {
        write_frame(fd_, message);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

ExitStatus WorkerProcess::kill_and_reap() noexcept {
    if (pid_ <= 0) {
        return ExitStatus{0, 0, false};
    }
    ::kill(pid_, SIGKILL);
    const ExitStatus status = wait_for(pid_, 0).value_or(ExitStatus{0, 0, false});
    release();
    return status;
}

ExitStatus WorkerProcess::reap(std::chrono::milliseconds grace) noexcept {
    if (pid_ <= 0) {
        return ExitStatus{0, 0, false};
    }
    // A worker that closed its socket is usually exiting already; the kernel closes a dying
    // process's descriptors a moment before it becomes waitable.
    const auto give_up = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < give_up) {
        if (const auto status = wait_for(pid_, WNOHANG)) {
            release();
            return *status;
        }
        std::this_thread::sleep_for(reap_poll_interval);
    }
    return kill_and_reap();
}

void WorkerProcess::release() noexcept {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    fd_ = -1;
    pid_ = -1;
}

}  // namespace parity::workers
