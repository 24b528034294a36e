// ChunkPool: every index run exactly once in contiguous chunks, the lowest failing chunk's
// exception, callers on several threads at once, and reuse after an error.

#include "parity/core/matching/detail/chunk_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using parity::core::matching::ChunkPool;

/// Runs `count` indices in `chunks` chunks and checks that each ran once, chunk by chunk in order.
void check_coverage(ChunkPool& pool, std::size_t count, std::size_t chunks) {
    std::vector<std::atomic<int>> runs(count);
    std::atomic<std::size_t> calls{0};
    pool.run(count, chunks, [&](std::size_t begin, std::size_t end) {
        ++calls;
        CHECK(begin <= end);
        for (std::size_t i = begin; i < end; ++i) {
            ++runs[i];
        }
    });
    CHECK(calls == std::max<std::size_t>(1, std::min(chunks, count)));
    for (std::size_t i = 0; i < count; ++i) {
        CAPTURE(count, chunks, i);
        CHECK(runs[i] == 1);
    }
}

}  // namespace

TEST_CASE("ChunkPool runs every index once", "[matching][chunk_pool]") {
    for (const unsigned threads : {1U, 2U, 3U, 8U}) {
        ChunkPool pool(threads);
        CHECK(pool.threads() == threads);
        for (const std::size_t count : {0UL, 1UL, 2UL, 7UL, 15UL, 64UL, 1000UL}) {
            for (const std::size_t chunks : {0UL, 1UL, 2UL, 5UL, 16UL, 2000UL}) {
                check_coverage(pool, count, chunks);
            }
        }
    }
}

TEST_CASE("ChunkPool rethrows the lowest failing chunk's exception", "[matching][chunk_pool]") {
    ChunkPool pool(3);
    for (int trial = 0; trial < 200; ++trial) {
        // Rows 37 and 80 fail; each chunk stops at its first failure, as the matcher's do.
        try {
            pool.run(100, 12, [](std::size_t begin, std::size_t end) {
                for (std::size_t i = begin; i < end; ++i) {
                    if (i == 37 || i == 80) {
                        throw std::runtime_error(std::to_string(i));
                    }
                }
            });
            FAIL("no exception");
        } catch (const std::runtime_error& error) {
            REQUIRE(std::string(error.what()) == "37");
        }
        check_coverage(pool, 50, 8);  // still usable
    }
}

TEST_CASE("ChunkPool serves callers on several threads at once", "[matching][chunk_pool]") {
    ChunkPool pool(2);
    std::vector<std::jthread> callers;
    std::atomic<int> failures{0};
    for (int caller = 0; caller < 4; ++caller) {
        callers.emplace_back([&pool, &failures, caller] {
            for (int round = 0; round < 200; ++round) {
                const std::size_t count = 10 + static_cast<std::size_t>((caller * 7 + round) % 40);
                std::vector<std::atomic<int>> runs(count);
                pool.run(count, 8, [&](std::size_t begin, std::size_t end) {
                    for (std::size_t i = begin; i < end; ++i) {
                        ++runs[i];
                    }
                });
                for (const auto& run : runs) {
                    if (run != 1) {
                        ++failures;
                    }
                }
            }
        });
    }
    callers.clear();  // joins
    CHECK(failures == 0);
}

TEST_CASE("ChunkPool can be destroyed before and after use", "[matching][chunk_pool]") {
    { ChunkPool unused(4); }
    ChunkPool used(4);
    check_coverage(used, 100, 16);
}

TEST_CASE("ChunkPool runs jobs after being woken ahead of them", "[matching][chunk_pool]") {
    for (const unsigned threads : {1U, 2U, 4U}) {
        CAPTURE(threads);
        {
            ChunkPool woken_only(threads);  // destroyed with its workers awake, before any job
            woken_only.wake();
        }
        ChunkPool pool(threads);
        for (int trial = 0; trial < 50; ++trial) {
            pool.wake();
            if (trial % 3 == 0) {
                pool.wake();  // twice in a row: no job is run twice
            }
            check_coverage(pool, 64, 8);
            if (trial % 5 == 0) {
                std::this_thread::sleep_for(ChunkPool::spin_time * 2);  // the workers fall asleep
            }
        }
    }
}
