#include <signal.h>
#include <stdlib.h>

#include <chrono>

#include <catch2/catch.hpp>

#include "parity/workers/worker_pool.hpp"
#include "pool_test_support.hpp"

using nlohmann::json;
using namespace parity::workers;
using namespace parity::workers::testing;

namespace {

int worker_pid(WorkerPool& pool) {
    return run_one(pool, make_job(99, {{"action", "count"}})).reference.value["pid"].get<int>();
}

}  // namespace

TEST_CASE("a segfault in the candidate is that path's crash, the pool goes on", "[workers][crash]") {
    WorkerPool pool(test_config());
    const int first_pid = worker_pid(pool);

    const JobResult crashed = run_one(pool, make_job(2, {{"action", "segv"}, {"on", "candidate"}}, false, 2));
    CHECK(crashed.sequence == 2);
    CHECK(crashed.reference.status == PathStatus::ok);
    CHECK(crashed.reference.value["adapter"] == "reference");
    REQUIRE(crashed.candidate.status == PathStatus::crash);
    CHECK(crashed.candidate.signal == SIGSEGV);
    CHECK(crashed.candidate.detail == "killed by SIGSEGV (Segmentation fault) while running candidate");
    REQUIRE(crashed.noise.size() == 2);
    for (const PathResult& noise : crashed.noise) {
        CHECK(noise.status == PathStatus::unavailable);
        CHECK(noise.detail == "not run: the worker crashed in candidate");
    }
    CHECK(crashed.worker_rss_bytes == 0);

    // The replacement answers the next requests.
    const JobResult next = run_one(pool, make_job(3, {{"action", "count"}}));
    CHECK(next.reference.status == PathStatus::ok);
    CHECK(next.candidate.status == PathStatus::ok);
    CHECK(next.reference.value["pid"] != first_pid);
    CHECK(next.worker_id == crashed.worker_id);
}

TEST_CASE("a crash of the first path leaves the second not run", "[workers][crash]") {
    WorkerPool pool(test_config());
    const JobResult crashed = run_one(pool, make_job(1, {{"action", "segv"}, {"on", "candidate"}}, true, 0));
    CHECK(crashed.candidate.status == PathStatus::crash);
    CHECK(crashed.reference.status == PathStatus::unavailable);
    CHECK(crashed.reference.detail == "not run: the worker crashed in candidate");
}

TEST_CASE("an abort is a crash with SIGABRT", "[workers][crash]") {
    WorkerPool pool(test_config());
    const JobResult crashed =
        run_one(pool, make_job(1, {{"action", "abort"}, {"on", "reference"}}, false, 1));
    CHECK(crashed.reference.status == PathStatus::crash);
    CHECK(crashed.reference.signal == SIGABRT);
    CHECK(crashed.reference.detail == "killed by SIGABRT (Aborted) while running reference");
    CHECK(crashed.candidate.status == PathStatus::unavailable);
    CHECK(run_one(pool, make_job(2, {{"action", "echo"}})).reference.status == PathStatus::ok);
}

TEST_CASE("a noise run that crashes is reported as such", "[workers][crash]") {
    WorkerPool pool(test_config());
    // The reference adapter crashes on its first run too; run order puts the candidate first.
    const JobResult crashed = run_one(pool, make_job(1, {{"action", "abort"}, {"on", "reference"}}, true, 2));
    CHECK(crashed.candidate.status == PathStatus::ok);
    CHECK(crashed.reference.status == PathStatus::crash);
    REQUIRE(crashed.noise.size() == 2);
    CHECK(crashed.noise[0].detail == "not run: the worker crashed in reference");
}

TEST_CASE("a worker that exits is a crash with its exit status", "[workers][crash]") {
    WorkerPool pool(test_config());
    const JobResult crashed = run_one(pool, make_job(1, {{"action", "exit"}, {"on", "candidate"}}));
    CHECK(crashed.candidate.status == PathStatus::crash);
    CHECK(crashed.candidate.signal == 0);
    CHECK(crashed.candidate.detail == "exited with status 3 while running candidate");
}

TEST_CASE("a hang is a timeout, the worker is killed and replaced", "[workers][crash][timeout]") {
    PoolConfig config = test_config();
    config.timeout = std::chrono::milliseconds(300);
    WorkerPool pool(config);
    const auto start = std::chrono::steady_clock::now();
    const JobResult hung = run_one(pool, make_job(1, {{"action", "hang"}, {"on", "candidate"}}, false, 1));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(hung.reference.status == PathStatus::ok);
    REQUIRE(hung.candidate.status == PathStatus::timeout);
    CHECK(hung.candidate.detail == "exceeded 300 ms");
    REQUIRE(hung.noise.size() == 1);
    CHECK(hung.noise[0].status == PathStatus::unavailable);
    CHECK(hung.noise[0].detail == "not run: the worker timed out in candidate");
    CHECK(elapsed >= std::chrono::milliseconds(300));
    CHECK(elapsed < std::chrono::seconds(30));

    // The timeout is per path: two paths of 0.2 s each fit in 300 ms each.
    const JobResult slow = run_one(pool, make_job(2, {{"action", "sleep"}, {"seconds", 0.2}}));
    CHECK(slow.reference.status == PathStatus::ok);
    CHECK(slow.candidate.status == PathStatus::ok);
}

TEST_CASE("a worker killed while idle is replaced before its next job", "[workers][crash]") {
    WorkerPool pool(test_config());
    const int pid = worker_pid(pool);
    REQUIRE(::kill(pid, SIGKILL) == 0);
    const JobResult result = run_one(pool, make_job(1, {{"action", "count"}}));
    CHECK(result.reference.status == PathStatus::ok);
    CHECK(result.reference.value["pid"] != pid);
}

TEST_CASE("a worker that keeps dying in setup makes the pool give up", "[workers][crash][startup]") {
    try {
        WorkerPool pool(test_config(behaviours_reference, "parity_test_adapters.behaviours:crashing_setup"));
        FAIL("the pool started");
    } catch (const WorkerStartError& error) {
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find("3 failed starts in a row") != std::string::npos);
        CHECK(message.find("killed by SIGSEGV (Segmentation fault) during candidate adapter setup()") !=
              std::string::npos);
    }
}

TEST_CASE("an interpreter that cannot start makes the pool give up", "[workers][crash][startup]") {
    // Python cannot find its standard library: Py_InitializeFromConfig fails in the worker.
    REQUIRE(::setenv("PYTHONHOME", "/nonexistent/python-home", 1) == 0);
    try {
        WorkerPool pool(test_config());
        ::unsetenv("PYTHONHOME");
        FAIL("the pool started");
    } catch (const WorkerStartError& error) {
        ::unsetenv("PYTHONHOME");
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find("failed starts in a row") != std::string::npos);
    }
}
