#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <vector>

#include "parity/workers/job.hpp"
#include "parity/workers/pool_config.hpp"
#include "parity/workers/startup_problems.hpp"

namespace parity::workers {

/// Thrown when workers cannot be started at all (the interpreter does not start, setup() kills the
/// process...) several times in a row, so that the pool never loops respawning.
class WorkerStartError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Worker processes, each running Python (PoolConfig::python_executable, or embedded) with both
/// adapters set up, that run Jobs in isolation: a segfault, abort or hang in an adapter becomes the
/// outcome of that one path of that one request, the worker is replaced, and the pool goes on.
///
/// Single-threaded use from a process that has not initialised Python (workers are forked):
///
///     WorkerPool pool(config);
///     for (const auto& problem : pool.adapter_problems()) report(problem);
///     while (more_requests()) {
///         for (int w = 0; w < static_cast<int>(pool.workers()) && more_requests(); ++w)
///             if (pool.idle(w)) pool.submit_to(w, next_job());
///         record(pool.wait_next());
///     }
///     while (pool.in_flight() > 0) record(pool.wait_next());
class WorkerPool {
  public:
    /// Forks `config.workers` workers and waits until each is ready (interpreter started, adapters
    /// imported and set up). Throws WorkerStartError if workers keep dying before they are ready.
    explicit WorkerPool(PoolConfig config);
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    /// Stops idle workers cleanly, kills busy ones and those that do not stop within a grace period.
    ~WorkerPool();

    /// Problems of the fixtures, as found by the first worker's startup.
    [[nodiscard]] const std::vector<FixtureProblem>& fixture_problems() const;
    /// Adapter import/setup failures, as found by the first worker's startup.
    [[nodiscard]] const std::vector<AdapterProblem>& adapter_problems() const;
    /// With PoolConfig::baseline_adapter: the baseline workers' import/setup failures (their
    /// "candidate" is the baseline), as found by the first baseline worker's startup.
    [[nodiscard]] const std::vector<AdapterProblem>& baseline_adapter_problems() const;

    /// PoolConfig::workers: worker ids 0 .. workers()-1 run both adapters; with a baseline, worker
    /// workers() + i is worker i's baseline worker.
    [[nodiscard]] unsigned workers() const;
    /// Whether worker `worker` (any id, baseline workers included) waits for a job.
    [[nodiscard]] bool idle(int worker) const;
    /// Hands `job` to worker `worker`. Precondition: idle(worker), else std::logic_error.
    void submit_to(int worker, Job job);
    /// Blocks until a submitted job has finished, crashed or timed out, and returns it. A worker that
    /// died or was killed is replaced (and set up again) before this returns. Precondition:
    /// in_flight() > 0, else std::logic_error. Throws WorkerStartError if replacements keep failing.
    [[nodiscard]] JobResult wait_next();
    /// Jobs submitted and not yet returned by wait_next().
    [[nodiscard]] std::size_t in_flight() const;

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parity::workers
