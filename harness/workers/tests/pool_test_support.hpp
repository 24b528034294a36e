#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "parity/workers/worker_pool.hpp"

namespace parity::workers::testing {

inline constexpr const char* behaviours_reference = "parity_test_adapters.behaviours:reference";
inline constexpr const char* behaviours_candidate = "parity_test_adapters.behaviours:candidate";

/// A pool config running the test adapters, without fixtures.
inline PoolConfig test_config(std::string reference = behaviours_reference,
                              std::string candidate = behaviours_candidate) {
    PoolConfig config;
    config.reference_adapter = std::move(reference);
    config.candidate_adapter = std::move(candidate);
    config.fixtures_dir = "/nonexistent/fixtures";
    config.python_path = {PARITY_TEST_ADAPTERS_DIR};
    config.workers = 1;
    config.timeout = std::chrono::milliseconds(10'000);
    return config;
}

/// A corpus request line around `input`.
inline std::string request_line(const nlohmann::json& input) {
    return nlohmann::json{
        {"id", "test-1"}, {"kernel", "test"}, {"fixtures", nlohmann::json::array()}, {"input", input}}
        .dump();
}

inline Job make_job(std::uint64_t sequence, const nlohmann::json& input, bool candidate_first = false,
                    int noise_runs = 0) {
    return Job{sequence, request_line(input), candidate_first, noise_runs};
}

/// Submits one job and waits for it.
inline JobResult run_one(WorkerPool& pool, Job job) {
    pool.submit_to(0, std::move(job));
    return pool.wait_next();
}

}  // namespace parity::workers::testing
