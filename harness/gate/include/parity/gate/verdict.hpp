#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "parity/gate/policy.hpp"
#include "parity/harness/exit_codes.hpp"

namespace parity::gate {

/// What a failed criterion means for the rollout; decides the exit code.
enum class CriterionKind { parity, performance, memory, evidence };

[[nodiscard]] std::string_view to_string(CriterionKind kind) noexcept;

/// One line of the verdict: the policy's threshold against what the report measured.
struct Criterion {
    std::string name;            // the policy key, e.g. "min_speedup_p50"
    CriterionKind kind = CriterionKind::parity;
    double threshold = 0;
    std::optional<double> measured;
    std::optional<std::pair<double, double>> interval;  // 95 % confidence interval of `measured`
    bool passed = false;
    bool applicable = true;      // false: not judged (an A/A run's speedups), shown as N/A
    std::string explanation;     // why it passed or failed, in words
};

enum class Decision { go, no_go, undecided };

struct Verdict {
    Decision decision = Decision::go;
    harness::ExitCode exit_code = harness::ExitCode::success;
    std::vector<Criterion> criteria;
    std::vector<std::string> reasons;  // why UNDECIDED or NO-GO, in words

    [[nodiscard]] nlohmann::ordered_json to_json() const;
};

/// Judges a report (report.json, schema 1) against a policy. A latency or speedup criterion passes
/// only when its confidence bound clears the threshold, not the point estimate. Exit codes: 1 on
/// parity, 3 on performance or memory, 4 when there is too little evidence or the host was busy.
[[nodiscard]] Verdict evaluate(const nlohmann::json& report, const Policy& policy);

/// The verdict as a table for the console.
void print_verdict(const Verdict& verdict, std::ostream& out);

}  // namespace parity::gate
