#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parity/replay/report_latency.hpp"
#include "parity/replay/report_memory.hpp"
#include "parity/replay/stage_totals.hpp"
#include "parity/stats/bootstrap.hpp"
#include "parity/stats/histogram.hpp"
#include "parity/workers/job.hpp"

namespace parity::replay {

/// How timings are turned into the report's "latency" and "memory" sections.
struct LatencyOptions {
    std::size_t warmup_per_worker = 3;  // each worker's first jobs: compared, but not timed
    stats::BootstrapOptions bootstrap;
    bool aa = false;  // reference == candidate: report the noise floor
};

/// Collects paired per-request timings and per-path memory growth during a replay, and summarises
/// them with parity::stats at the end (docs/latency.md).
class LatencyRecorder {
  public:
    explicit LatencyRecorder(LatencyOptions options);

    /// One job of one worker whose two paths both ran (returned or raised), with the baseline's run of
    /// the same request when there is a baseline (recorded when it ran too). Warm-up jobs are counted
    /// but not recorded. Returns whether the sample was recorded.
    bool add(int worker_id, const workers::PathResult& reference, const workers::PathResult& candidate,
             const std::optional<workers::PathResult>& baseline = std::nullopt);
    /// The worker's RSS after a job, for the overall growth figure.
    void note_worker_rss(int worker_id, std::int64_t rss_bytes);

    [[nodiscard]] std::size_t samples() const noexcept {
        return reference_.wall_ns.size();
    }
    /// The report's "latency" (with warnings appended to `warnings`), given the timer's overhead.
    [[nodiscard]] Latency latency(double timer_overhead_ns, std::size_t repeat,
                                  std::vector<std::string>& warnings) const;
    /// The report's "memory" (without parity's own peak RSS, which the replay adds).
    [[nodiscard]] Memory memory() const;
    /// The report's "stages" from the stage times the adapters reported in the timed runs (nullopt when
    /// none did), with --ported-stage's figures; warnings appended to `warnings` (stage_totals.hpp).
    [[nodiscard]] std::optional<Stages> stages(const std::optional<std::string>& ported_stage,
                                               std::vector<std::string>& warnings) const;
    /// The median of process CPU time / wall time of the reference path (every thread of the worker, so
    /// that an adapter working on a thread of its own counts): well below 1 means its worker was waiting
    /// for a CPU (a busy host).
    [[nodiscard]] double reference_cpu_share() const;

  private:
    struct PathSamples {
        std::vector<double> wall_ns;
        std::vector<double> cpu_ns;
        std::vector<double> process_cpu_ns;
        StageTotals stages;
        stats::LogLinearHistogram histogram;
        std::int64_t rss_growth_bytes = 0;
        std::int64_t python_heap_growth_bytes = 0;
        std::uint64_t runs = 0;
    };
    void record(PathSamples& samples, const workers::PathResult& path);

    LatencyOptions options_;
    std::map<int, std::size_t> jobs_per_worker_;
    std::size_t warmup_discarded_ = 0;
    PathSamples reference_;
    PathSamples candidate_;
    bool has_baseline_ = false;  // a baseline run came with some sample
    PathSamples baseline_;
    std::vector<double> candidate_beside_baseline_ns_;  // the candidate's wall time of baseline_'s runs
    std::int64_t worker_rss_first_ = 0;
    std::int64_t worker_rss_last_ = 0;
    std::int64_t worker_rss_peak_ = 0;
};

}  // namespace parity::replay
