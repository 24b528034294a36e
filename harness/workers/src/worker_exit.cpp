#include "worker_exit.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "framing.hpp"
#include "protocol.hpp"

namespace parity::workers {

void leave(WorkerExit code) noexcept {
    std::fflush(nullptr);
    ::_exit(static_cast<int>(code));
}

void report(std::string_view text) noexcept {
    const std::string line = "parity worker " + std::to_string(::getpid()) + ": " + std::string(text) + "\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}

void report_startup_failure(int socket_fd, std::string_view message) noexcept {
    report(message);
    try {
        write_frame(socket_fd, protocol::startup_failed_message(message));
    } catch (...) {  // NOLINT(bugprone-empty-catch): the pool sees the exit status instead
    }
}

}  // namespace parity::workers
