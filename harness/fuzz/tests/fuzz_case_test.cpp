#include <catch2/catch.hpp>

#include "parity/fuzz/divergence.hpp"
#include "parity/fuzz/fuzz_case.hpp"
#include "parity/workers/worker_pool.hpp"

namespace {

using parity::fuzz::FuzzCase;

/// Both adapters of the fuzz test kernel (python/tests/adapters/fuzz_kernels.py) on the case's request.
parity::workers::JobResult run_case(const FuzzCase& fuzz_case, const std::string& candidate) {
    parity::workers::PoolConfig config;
    config.reference_adapter = "fuzz_kernels:reference";
    config.candidate_adapter = candidate;
    config.fixtures_dir = fuzz_case.fixtures_dir;
    config.python_path = {PARITY_FUZZ_KERNELS_DIR};
    parity::workers::WorkerPool pool(config);
    parity::workers::Job job;
    job.request_line = parity::fuzz::worker_line(fuzz_case);
    pool.submit_to(0, std::move(job));
    return pool.wait_next();
}

}  // namespace

TEST_CASE(
    "a finding's case.json reads back and reruns: the planted port still diverges, the fixed one agrees",
    "[fuzz][case]") {
    const FuzzCase fuzz_case = parity::fuzz::read_fuzz_case(PARITY_FUZZ_CASES_DIR "/final-sigma");
    CHECK(fuzz_case.kernel == "tests.fuzz");
    CHECK(fuzz_case.divergence.key() == "value at /*/key");
    CHECK(fuzz_case.input == nlohmann::json::parse("{\"records\":[{\"name\":\"\xCF\x82\",\"age\":0}]}"));

    const auto buggy = run_case(fuzz_case, "fuzz_kernels:lower_bug");
    CHECK(parity::fuzz::shows(parity::fuzz::compare_paths(buggy, {}), fuzz_case.divergence));
    CHECK(buggy.reference.value == fuzz_case.reference.at("output"));
    CHECK(buggy.candidate.value == fuzz_case.candidate.at("output"));

    const auto fixed = run_case(fuzz_case, "fuzz_kernels:reference");
    CHECK_FALSE(parity::fuzz::compare_paths(fixed, {}).divergence);
}

TEST_CASE("a case file that is not one is refused naming the file", "[fuzz][case]") {
    CHECK_THROWS_WITH(parity::fuzz::read_fuzz_case(PARITY_FUZZ_CASES_DIR "/missing"),
                      Catch::Contains("cases/missing: cannot be read"));
    CHECK_THROWS_WITH(parity::fuzz::read_fuzz_case(PARITY_FUZZ_CASES_DIR "/../CMakeLists.txt"),
                      Catch::Contains("CMakeLists.txt: malformed JSON"));
}
