#pragma once

#include <string_view>

namespace parity::harness {

/// Exit codes of the `parity` executable, shared by its commands; listed in `parity --help`
/// (exit_code_help) and the README. CI scripts branch on them, so they never change meaning.
enum class ExitCode : int {
    success = 0,         // replay: every compared request matched; gate: GO
    differences = 1,     // replay: differences, crashes, timeouts, a broken candidate or reference drift;
                         // gate: NO-GO on parity
    usage_or_input = 2,  // bad command line, unreadable or incomplete corpus/rules/report, nothing
                         // comparable, or (with --strict) any skipped input
    performance = 3,     // gate: NO-GO on performance or memory
    undecidable = 4,     // gate: cannot decide (too little evidence, incomplete corpus, unstable host)
    internal_error = 5,  // a bug or an environment failure in parity itself (e.g. out of memory)
};

/// The value to return from main().
[[nodiscard]] constexpr int to_int(ExitCode code) noexcept {
    return static_cast<int>(code);
}

/// The exit codes as a `--help` footer.
constexpr std::string_view exit_code_help =
    "Exit codes:\n"
    "  0  success: every compared request matched (gate: GO)\n"
    "  1  differences: mismatches, crashes, timeouts, an unusable candidate, or reference drift (the\n"
    "     replayed reference differs from the recorded outputs) (gate: NO-GO on parity; fuzz: findings;\n"
    "     shrink: the request diverges)\n"
    "  2  usage or input error: bad command line, unreadable corpus, rules, policy or report, a listed\n"
    "     segment missing, an adapter outside --allow-modules, an unusable --out, shards that are not one\n"
    "     whole set, nothing could be compared, or skipped input under --strict\n"
    "  3  gate: NO-GO on performance or memory\n"
    "  4  gate: cannot decide (nothing or too little compared, an incomplete corpus, a failed replay,\n"
    "     an unstable host)\n"
    "  5  internal error in parity itself";

}  // namespace parity::harness
