#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parity/workers/job.hpp"

namespace parity::workers {

/// What the pool knows of one job while a worker runs it: its paths in run order, how many have
/// started and finished, and their results. Keeps the results of finished paths whatever happens to
/// the worker afterwards.
class JobProgress {
  public:
    JobProgress() = default;
    explicit JobProgress(const Job& job);

    [[nodiscard]] std::uint64_t sequence() const noexcept {
        return sequence_;
    }
    [[nodiscard]] bool any_started() const noexcept {
        return started_ > 0;
    }
    /// True between a path's "started" and its "result".
    [[nodiscard]] bool path_running() const noexcept {
        return started_ > finished_;
    }
    [[nodiscard]] bool all_finished() const noexcept {
        return finished_ == order_.size();
    }
    /// The path running or next to run: "reference", "candidate", "noise run 2"; "" when all finished.
    [[nodiscard]] std::string current_label() const;

    /// Throws std::runtime_error unless `path` is the next one to start.
    void on_started(PathName path);
    /// Throws std::runtime_error unless a path is running.
    void on_result(PathResult result);

    /// The worker died or was killed: the path running (or next to run) ends with `status`, `signal`
    /// and `detail`; later paths are unavailable, "not run: the worker <verb> in <that path>".
    void end_abnormally(PathStatus status, int signal, std::string detail, std::string_view verb);

    /// The results, moved out, sorted into reference, candidate and noise.
    [[nodiscard]] JobResult take_result(int worker_id, std::int64_t rss_bytes);

  private:
    std::uint64_t sequence_ = 0;
    std::vector<PathName> order_;      // protocol::run_order of the job
    std::vector<PathResult> results_;  // one per order_ entry
    std::size_t started_ = 0;
    std::size_t finished_ = 0;
};

}  // namespace parity::workers
