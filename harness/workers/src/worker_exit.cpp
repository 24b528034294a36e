#include "worker_exit.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace parity::workers {

void leave(WorkerExit code) noexcept {
    std::fflush(nullptr);
    ::_exit(static_cast<int>(code));
}

void report(std::string_view text) noexcept {
    const std::string line = "parity worker " + std::to_string(::getpid()) + ": " + std::string(text) + "\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace parity::workers
