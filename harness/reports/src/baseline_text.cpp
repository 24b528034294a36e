#include "baseline_text.hpp"

namespace parity::reports::detail {

std::string baseline_counts_text(const replay::BaselineSummary& summary) {
    std::string text = std::to_string(summary.matched) + " of " + std::to_string(summary.compared) +
                       " compared requests match, " + std::to_string(summary.mismatched) +
                       (summary.mismatched == 1 ? " differs" : " differ");
    std::string failures;
    const auto part = [&](std::uint64_t n, const char* what) {
        if (n > 0)
            failures += (failures.empty() ? "" : ", ") + std::string(what) + " " + std::to_string(n);
    };
    part(summary.crashes, "crashed on");
    part(summary.timeouts, "timed out on");
    part(summary.unavailable, "was unavailable for");
    return failures.empty() ? text : text + "; the baseline " + failures;
}

std::string python_path_text(const std::vector<std::string>& python_path) {
    std::string text;
    for (const auto& entry : python_path)
        text += (text.empty() ? "" : ":") + entry;
    return text;
}

}  // namespace parity::reports::detail
