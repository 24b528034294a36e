#include "exit_status.hpp"

#include <sys/wait.h>

#include <cstring>

namespace parity::workers {

ExitStatus exit_status_from_wait(int wait_status) {
    if (WIFSIGNALED(wait_status)) {
        return ExitStatus{WTERMSIG(wait_status), 0, true};
    }
    if (WIFEXITED(wait_status)) {
        return ExitStatus{0, WEXITSTATUS(wait_status), true};
    }
    return ExitStatus{0, 0, false};
}

std::string describe(const ExitStatus& status) {
    if (!status.known) {
        return "exited (status unknown)";
    }
    if (status.signal == 0) {
        return "exited with status " + std::to_string(status.exit_code);
    }
    const char* abbreviation = sigabbrev_np(status.signal);
    const char* description = strsignal(status.signal);
    std::string text = "killed by ";
    text += abbreviation != nullptr ? "SIG" + std::string(abbreviation)
                                    : "signal " + std::to_string(status.signal);
    if (description != nullptr) {
        text += " (" + std::string(description) + ")";
    }
    return text;
}

}  // namespace parity::workers
