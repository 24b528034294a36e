#pragma once

#include <string_view>

namespace parity::harness {

/// Exit codes of the `parity` executable; listed in `parity --help` (see exit_code_help).
enum class ExitCode : int {
    success = 0,      // the command did what was asked
    failure = 1,      // it ran, and found a problem (e.g. a parity mismatch)
    usage_error = 2,  // bad command line: nothing was run
    input_error = 3,  // an input file or corpus could not be read
};

/// The value to return from main().
[[nodiscard]] constexpr int to_int(ExitCode code) noexcept {
    return static_cast<int>(code);
}

/// The exit codes as a `--help` footer.
constexpr std::string_view exit_code_help =
    "Exit codes:\n"
    "  0  success\n"
    "  1  failure: the command ran and found a problem (e.g. a parity mismatch)\n"
    "  2  usage error: bad command line, nothing was run\n"
    "  3  input error: an input file or corpus could not be read";

}  // namespace parity::harness
