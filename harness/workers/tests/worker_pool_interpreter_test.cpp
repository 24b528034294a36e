// Workers hosted by an executed interpreter (PoolConfig::python_executable) through the module
// parity._worker: the same conversation as embedded workers, on the Python the service runs on.

#include <signal.h>

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "pool_test_support.hpp"

using nlohmann::json;
using namespace parity::workers;
using namespace parity::workers::testing;

namespace {

PoolConfig executed_config(std::string candidate = behaviours_candidate) {
    PoolConfig config = test_config(behaviours_reference, std::move(candidate));
    config.python_path.emplace_back(PARITY_PYTHON_MODULE_DIR);  // parity._worker
    config.python_executable = PARITY_PYTHON_EXECUTABLE;
    return config;
}

}  // namespace

TEST_CASE("an executed interpreter hosts the worker: its own process, python_path first", "[workers][interpreter]") {
    WorkerPool pool(executed_config());
    const json input = {{"action", "echo"}, {"values", {1, 2.5, "caf\xC3\xA9", nullptr}}};
    const JobResult echoed = run_one(pool, make_job(1, input));
    CHECK(echoed.reference.value == json({{"adapter", "reference"}, {"input", input}}));
    CHECK(echoed.candidate.value == json({{"adapter", "candidate"}, {"input", input}}));
    CHECK(echoed.candidate.wall_ns > 0);

    const JobResult result = run_one(pool, make_job(2, {{"action", "interpreter"}}));
    const std::string interpreter = std::filesystem::canonical(PARITY_PYTHON_EXECUTABLE).string();
    CHECK(result.reference.value["process"] == interpreter);  // not this test executable
    CHECK(result.reference.value["executable"] == PARITY_PYTHON_EXECUTABLE);
    // What the bootstrap put on sys.path to find parity._worker is gone again.
    CHECK(result.reference.value["path"] == json::array({PARITY_TEST_ADAPTERS_DIR}));
    CHECK(result.reference.value["current_folder_on_path"] == false);
}

TEST_CASE("a segfault in an executed interpreter is that path's crash, the pool goes on", "[workers][interpreter]") {
    WorkerPool pool(executed_config());
    const JobResult crashed = run_one(pool, make_job(1, {{"action", "segv"}, {"on", "candidate"}}));
    CHECK(crashed.reference.status == PathStatus::ok);
    REQUIRE(crashed.candidate.status == PathStatus::crash);
    CHECK(crashed.candidate.signal == SIGSEGV);
    CHECK(run_one(pool, make_job(2, {{"action", "echo"}})).candidate.status == PathStatus::ok);
}

TEST_CASE("an interpreter that cannot run, or without parity._worker, fails the start with the reason",
          "[workers][interpreter]") {
    PoolConfig missing = executed_config();
    missing.python_executable = "/nonexistent/python3";
    CHECK_THROWS_WITH(WorkerPool(missing),
                      Catch::Contains("cannot run the Python interpreter /nonexistent/python3: No such file"));

    PoolConfig without_module = executed_config();
    without_module.python_path = {PARITY_TEST_ADAPTERS_DIR};
    CHECK_THROWS_WITH(WorkerPool(without_module), Catch::Contains("cannot import parity._worker with " +
                                                                  std::string(PARITY_PYTHON_EXECUTABLE)));
}

TEST_CASE("an executed worker reports an adapter's failed setup as it does embedded", "[workers][interpreter]") {
    WorkerPool pool(executed_config("parity_test_adapters.behaviours:failing_setup"));
    REQUIRE(pool.adapter_problems().size() == 1);
    CHECK(pool.adapter_problems()[0].path == PathName::candidate);
    const JobResult result = run_one(pool, make_job(1, {{"action", "echo"}}));
    CHECK(result.reference.status == PathStatus::ok);
    CHECK(result.candidate.status == PathStatus::unavailable);
}
