#pragma once

// Splitting work over rows into contiguous chunks, one thread each. Chunks are contiguous and in
// order so that "the first failing row" stays well defined, and small inputs stay on the caller's
// thread (starting a thread costs more than matching a few rows).

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace parity::core::matching {

/// Fewer rows than this per extra thread are not worth a thread.
inline constexpr std::size_t min_rows_per_thread = 16;

/// Calls `work(begin, end)` on disjoint contiguous ranges covering [0, count), on up to `threads`
/// threads (the calling thread included). Rethrows the first chunk's exception, in chunk order.
template <typename Work>
void for_each_chunk(std::size_t count, unsigned threads, Work&& work) {
    const std::size_t useful = std::max<std::size_t>(1, count / min_rows_per_thread);
    const std::size_t chunks = std::min<std::size_t>(std::max(1U, threads), useful);
    if (chunks <= 1) {
        work(std::size_t{0}, count);
        return;
    }
    std::vector<std::exception_ptr> errors(chunks);
    const auto run = [&](std::size_t chunk) {
        try {
            work(chunk * count / chunks, (chunk + 1) * count / chunks);
        } catch (...) {
            errors[chunk] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> workers;
        workers.reserve(chunks - 1);
        for (std::size_t chunk = 1; chunk < chunks; ++chunk) {
            workers.emplace_back(run, chunk);
        }
        run(0);
    }
    for (const auto& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
}

}  // namespace parity::core::matching
