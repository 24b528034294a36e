#pragma once

#include <string>

namespace parity::workers {

/// How a worker process ended, from waitpid().
struct ExitStatus {
    int signal = 0;     // the signal that killed it, 0 if it exited
    int exit_code = 0;  // its exit status when signal == 0
    bool known = true;  // false when waitpid() could not tell (SIGCHLD ignored by the host program)
};

/// The status of a waitpid() wait status word.
[[nodiscard]] ExitStatus exit_status_from_wait(int wait_status);

/// "killed by SIGSEGV (Segmentation fault)", "exited with status 3", "exited (status unknown)".
[[nodiscard]] std::string describe(const ExitStatus& status);

}  // namespace parity::workers
