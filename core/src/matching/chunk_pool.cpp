#include "parity/core/matching/detail/chunk_pool.hpp"

#include <algorithm>
#include <chrono>
#include <system_error>

namespace parity::core::matching {
namespace {

// Chunk k of `chunks` over [0, count): sizes differ by at most one.
std::size_t chunk_begin(std::size_t k, std::size_t count, std::size_t chunks) {
    return k * count / chunks;
}

// Tells the core this is a spin-wait: it slows the loop down and frees resources for other work.
void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#else
    std::this_thread::yield();
#endif
}

// Polls `done` until it holds or spin_time has passed.
template <typename Done>
void spin(const Done& done) {
    constexpr int relaxes_per_poll = 64;
    const auto deadline = std::chrono::steady_clock::now() + ChunkPool::spin_time;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return;
        }
        for (int i = 0; i < relaxes_per_poll; ++i) {
            cpu_relax();
        }
    }
}

}  // namespace

ChunkPool::ChunkPool(unsigned threads) : threads_(std::max(1U, threads)) {}

ChunkPool::~ChunkPool() {
    {
        const std::lock_guard lock(state_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    workers_.clear();  // joins
}

void ChunkPool::start_workers() {
    if (!workers_.empty()) {
        return;
    }
    try {
        for (unsigned i = 1; i < threads_; ++i) {
            workers_.emplace_back([this] { worker_loop(); });
        }
    } catch (const std::system_error&) {
        // Out of threads: the ones started (perhaps none) and the caller share the chunks.
    }
}

void ChunkPool::wake() {
    if (threads_ == 1) {
        return;
    }
    {
        const std::lock_guard lock(state_mutex_);
        start_workers();
        ++wake_calls_;
    }
    wake_.notify_all();
}

void ChunkPool::run_task(Task task, std::size_t count, std::size_t chunks) {
    const Job job{task, count, std::max<std::size_t>(1, std::min(chunks, count))};
    std::unique_lock run_lock(run_mutex_, std::try_to_lock);
    if (threads_ == 1 || job.chunks == 1 || !run_lock.owns_lock()) {
        run_inline(job);
        return;
    }
    {
        const std::lock_guard lock(state_mutex_);
        start_workers();
        job_ = job;
        errors_.assign(job.chunks, nullptr);
        next_chunk_.store(0, std::memory_order_relaxed);
        job_open_ = true;
        ++generation_;
        published_generation_.store(generation_, std::memory_order_release);
    }
    wake_.notify_all();
    run_chunks(job);
    spin_until_idle();
    std::unique_lock lock(state_mutex_);
    // Closed first, so that no worker joins late and claims chunks of the next job with this one.
    job_open_ = false;
    idle_.wait(lock, [this] { return active_ == 0; });
    for (const auto& error : errors_) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
}

void ChunkPool::run_inline(const Job& job) {
    for (std::size_t k = 0; k < job.chunks; ++k) {  // in order: the first exception is the lowest chunk's
        job.task.call(job.task.context, chunk_begin(k, job.count, job.chunks),
                      chunk_begin(k + 1, job.count, job.chunks));
    }
}

void ChunkPool::run_chunks(const Job& job) {
    while (true) {
        const std::size_t k = next_chunk_.fetch_add(1, std::memory_order_relaxed);
        if (k >= job.chunks) {
            return;
        }
        try {
            job.task.call(job.task.context, chunk_begin(k, job.count, job.chunks),
                          chunk_begin(k + 1, job.count, job.chunks));
        } catch (...) {
            const std::lock_guard lock(state_mutex_);
            errors_[k] = std::current_exception();
        }
    }
}

void ChunkPool::spin_until_job(std::size_t seen) const {
    spin([&] {
        return published_generation_.load(std::memory_order_acquire) != seen ||
               stopping_.load(std::memory_order_relaxed);
    });
}

void ChunkPool::spin_until_idle() const {
    spin([&] { return active_.load(std::memory_order_acquire) == 0; });
}

void ChunkPool::worker_loop() {
    std::size_t seen = 0;
    std::size_t seen_wake_calls = 0;
    std::unique_lock lock(state_mutex_);
    while (true) {
        lock.unlock();
        spin_until_job(seen);
        lock.lock();
        const auto has_job = [&] { return job_open_ && generation_ != seen; };
        wake_.wait(lock, [&] { return stopping_ || has_job() || wake_calls_ != seen_wake_calls; });
        seen_wake_calls = wake_calls_;
        if (stopping_) {
            return;
        }
        if (!has_job()) {
            continue;  // woken ahead of a job: poll for it
        }
        seen = generation_;
        const Job job = job_;
        ++active_;
        lock.unlock();
        run_chunks(job);
        lock.lock();
        if (--active_ == 0) {
            idle_.notify_one();
        }
    }
}

}  // namespace parity::core::matching
