#pragma once

// A few threads kept for the matcher's batches. Starting a thread costs tens of microseconds, as
// much as matching a recorded batch of 15 rows, so per-batch threads only paid off for large
// batches; kept threads let medium batches use every core too. (Waking a kept thread that has gone
// to sleep costs about as much, so the matcher keeps batches below a few dozen rows to itself.)

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parity::core::matching {

/// Runs the chunks of a range on `threads` threads: the caller's and `threads - 1` workers,
/// started on first use and joined by the destructor.
///
///     ChunkPool pool(2);
///     pool.run(rows.size(), 8, [&](std::size_t begin, std::size_t end) { ... });
class ChunkPool {
  public:
    // How long a thread polls before it sleeps: a worker after its job (the next batch usually
    // comes sooner), the caller for the workers' last chunks. Waking a sleeping thread takes tens
    // of microseconds on a virtual machine, as long as a small batch's work.
    static constexpr std::chrono::microseconds spin_time{200};

    explicit ChunkPool(unsigned threads);
    ~ChunkPool();
    ChunkPool(const ChunkPool&) = delete;
    ChunkPool& operator=(const ChunkPool&) = delete;

    [[nodiscard]] unsigned threads() const {
        return threads_;
    }

    /// Wakes the sleeping workers (starting them if need be) so that they poll for a job for
    /// spin_time: called before work that precedes a run(), their wake-up overlaps that work.
    void wake();

    /// Calls `work(begin, end)` once per chunk: `chunks` contiguous ranges covering [0, count), in
    /// any order, on any of the threads. Returns when all have returned; then rethrows the
    /// exception of the lowest failing chunk, if any (so that a work function that stops at its
    /// range's first error reports the first error of the whole range). Safe to call from several
    /// threads at once: a caller that finds the pool busy runs its chunks itself.
    template <typename Work>
    void run(std::size_t count, std::size_t chunks, const Work& work) {
        run_task({[](const void* context, std::size_t begin, std::size_t end) {
                      (*static_cast<const Work*>(context))(begin, end);
                  },
                  &work},
                 count, chunks);
    }

  private:
    /// A borrowed work function, type-erased without allocating.
    struct Task {
        void (*call)(const void* context, std::size_t begin, std::size_t end);
        const void* context;
    };
    struct Job {
        Task task;
        std::size_t count;
        std::size_t chunks;
    };

    void run_task(Task task, std::size_t count, std::size_t chunks);
    /// Starts the workers if none is running; under state_mutex_.
    void start_workers();
    void run_inline(const Job& job);
    /// Claims and runs chunks of `job` until none is left.
    void run_chunks(const Job& job);
    void worker_loop();
    void spin_until_job(std::size_t seen) const;
    void spin_until_idle() const;

    const unsigned threads_;
    std::mutex run_mutex_;  // held by the one caller whose job the workers run

    std::mutex state_mutex_;  // guards everything below but next_chunk_
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::vector<std::jthread> workers_;
    Job job_{};
    bool job_open_ = false;                   // workers may join job_
    std::size_t generation_ = 0;              // counts jobs, so that a worker joins each at most once
    std::size_t wake_calls_ = 0;              // counts wake() calls, so that each wakes a worker once
    std::atomic<std::size_t> active_{0};      // workers inside run_chunks; changed under the lock
    std::atomic<bool> stopping_{false};       // changed under the lock; read by spinning workers
    std::vector<std::exception_ptr> errors_;  // one per chunk of job_

    std::atomic<std::size_t> next_chunk_{0};
    std::atomic<std::size_t> published_generation_{0};  // generation_, for workers polling without the lock
};

}  // namespace parity::core::matching
