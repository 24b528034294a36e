#pragma once

// Sums the stage times adapters report (workers::PathResult::stages) over a replay's timed runs, and
// turns both paths' sums into report.json's "stages" (docs/latency.md "Where the time goes").

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parity/replay/report_stages.hpp"
#include "parity/workers/job.hpp"

namespace parity::replay {

/// One path's stage seconds and wall time, summed over its timed runs; stages in the order first seen.
class StageTotals {
  public:
    /// One timed run: its wall time, and the stages its adapter reported (maybe none).
    void add(std::int64_t wall_ns, const std::vector<workers::StageTime>& stages);

    [[nodiscard]] bool any_stages() const noexcept {
        return runs_with_stages_ > 0;
    }
    /// The sums as report.json's path section: seconds, shares of the summed wall time, what is outside.
    [[nodiscard]] PathStages report() const;

  private:
    struct Sum {
        double seconds = 0;
        std::uint64_t runs = 0;
    };
    std::uint64_t runs_ = 0;
    std::uint64_t runs_with_stages_ = 0;
    double wall_s_ = 0;
    std::vector<std::string> order_;
    std::map<std::string, Sum> sums_;
};

/// report.json's "stages" from both paths' sums, or nullopt when neither path reported any stage.
/// `ported_stage` (--ported-stage) adds the Amdahl figures when both paths reported that stage; otherwise
/// a warning naming what was reported is appended to `warnings`. So is one for a path whose stages add
/// up to more than its wall time.
[[nodiscard]] std::optional<Stages> stages_report(const StageTotals& reference, const StageTotals& candidate,
                                                  const std::optional<std::string>& ported_stage,
                                                  std::vector<std::string>& warnings);

/// Counts the problems of the adapters' stages() (workers::PathResult::stages_problem) and words them
/// as warnings: the first few distinct ones, each with how many runs had it, then how many more.
class StageProblems {
  public:
    void add(const std::string& problem);
    [[nodiscard]] std::vector<std::string> warnings() const;

  private:
    static constexpr std::size_t listed = 5;
    std::vector<std::string> order_;
    std::map<std::string, std::uint64_t> counts_;
    std::uint64_t unlisted_runs_ = 0;
};

}  // namespace parity::replay
