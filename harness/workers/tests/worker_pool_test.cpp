#include "parity/workers/worker_pool.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "pool_test_support.hpp"

using nlohmann::json;
using namespace parity::workers;
using namespace parity::workers::testing;

TEST_CASE("a pair of adapters answers each request", "[workers][pool]") {
    WorkerPool pool(test_config());
    CHECK(pool.fixture_problems().empty());
    CHECK(pool.adapter_problems().empty());
    REQUIRE(pool.idle(0));
    CHECK(pool.in_flight() == 0);

    const json input = {{"action", "echo"}, {"values", {1, 2.5, "caf\xC3\xA9", nullptr}}};
    pool.submit_to(0, make_job(17, input));
    CHECK(pool.in_flight() == 1);
    CHECK_FALSE(pool.idle(0));
    const JobResult result = pool.wait_next();
    CHECK(pool.in_flight() == 0);

    CHECK(result.sequence == 17);
    CHECK(result.worker_id == 0);
    CHECK(result.worker_rss_bytes > 1'000'000);
    CHECK(result.noise.empty());
    INFO(result.reference.value.dump() << " " << result.reference.detail);
    CHECK(result.reference.status == PathStatus::ok);
    CHECK(result.reference.value == json({{"adapter", "reference"}, {"input", input}}));
    CHECK(result.reference.notes.empty());
    CHECK(result.reference.wall_ns > 0);
    CHECK(result.reference.cpu_ns >= 0);
    CHECK(result.candidate.status == PathStatus::ok);
    CHECK(result.candidate.value == json({{"adapter", "candidate"}, {"input", input}}));
}

TEST_CASE("outputs JSON cannot hold come with conversion notes", "[workers][pool]") {
    WorkerPool pool(test_config());
    const JobResult result = run_one(pool, make_job(1, {{"action", "unconvertible"}}));
    REQUIRE(result.candidate.status == PathStatus::ok);
    CHECK(result.candidate.value["big"] == json({{"$bigint", "1180591620717411303424"}}));
    CHECK(result.candidate.value["raw"] == json({{"$bytes", "01"}}));
    CHECK(result.candidate.value["text"] == json({{"$str_with_surrogates", "a\\ud800"}}));
    CHECK(result.candidate.value["set"]["$unsupported"] == "set");
    CHECK(result.candidate.notes.size() == 4);
}

TEST_CASE("an exception is the path's outcome, lone surrogates escaped", "[workers][pool]") {
    WorkerPool pool(test_config());
    const JobResult result = run_one(pool, make_job(1, {{"action", "raise"}, {"on", "candidate"}}));
    CHECK(result.reference.status == PathStatus::ok);
    REQUIRE(result.candidate.status == PathStatus::error);
    CHECK(result.candidate.value == json({{"type", "ValueError"}, {"message", "bad \\udc80 value"}}));
    CHECK(result.candidate.wall_ns > 0);

    const JobResult key_error = run_one(pool, make_job(2, {{"action", "raise_key"}}));
    CHECK(key_error.reference.value == json({{"type", "KeyError"}, {"message", "'missing'"}}));
}

TEST_CASE("a request line that is not JSON leaves both paths unavailable", "[workers][pool]") {
    WorkerPool pool(test_config());
    const JobResult result = run_one(pool, Job{1, "{not json", false, 0});
    CHECK(result.reference.status == PathStatus::unavailable);
    CHECK(result.reference.detail.find("JSONDecodeError") != std::string::npos);
    CHECK(result.candidate.status == PathStatus::unavailable);
    // The worker survives it.
    CHECK(run_one(pool, make_job(2, {{"action", "echo"}})).candidate.status == PathStatus::ok);
}

TEST_CASE("each path decodes its own input: mutations do not leak", "[workers][pool]") {
    WorkerPool pool(test_config());
    const JobResult result =
        run_one(pool, make_job(1, {{"action", "mutate"}, {"rows", json::array()}}, false, 1));
    CHECK(result.reference.value == json::array({"reference"}));
    CHECK(result.candidate.value == json::array({"candidate"}));
    REQUIRE(result.noise.size() == 1);
    CHECK(result.noise[0].value == json::array({"reference"}));
}

TEST_CASE("the run order chosen by the caller is honoured, noise runs last", "[workers][pool]") {
    WorkerPool pool(test_config());
    const json count = {{"action", "count"}};
    const JobResult reference_first = run_one(pool, make_job(1, count, false, 0));
    CHECK(reference_first.reference.value["call"].get<int>() + 1 == reference_first.candidate.value["call"]);

    const JobResult candidate_first = run_one(pool, make_job(2, count, true, 3));
    const int first = candidate_first.candidate.value["call"].get<int>();
    CHECK(candidate_first.reference.value["call"] == first + 1);
    REQUIRE(candidate_first.noise.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(candidate_first.noise[static_cast<std::size_t>(i)].status == PathStatus::ok);
        CHECK(candidate_first.noise[static_cast<std::size_t>(i)].value["adapter"] == "reference");
        CHECK(candidate_first.noise[static_cast<std::size_t>(i)].value["call"] == first + 2 + i);
    }
}

TEST_CASE("fixtures are checked and passed to setup", "[workers][pool][fixtures]") {
    PoolConfig config = test_config();
    config.fixtures_dir = PARITY_TEST_FIXTURES_DIR;
    WorkerPool pool(config);

    const std::string good = "sha256-8ed7aa55c402f6141bed09245188ef4fd0f6e624514444ed28978044e3efc7a3";
    const std::string tampered = "sha256-f41f3fa625ff120ddca7ef456bf66371ecea23c129f4e4c32367101edb516cf8";
    const std::string malformed = "sha256-b9b5170340458d865639b00990514136d02e46a0ddb0fc1f625965eb4354cc37";
    const auto& problems = pool.fixture_problems();
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].fixture_id == malformed);
    CHECK(problems[0].message ==
          "fixtures/" + malformed + ".json: malformed JSON: line 1 column 10: Expecting value");
    CHECK(problems[1].fixture_id == tampered);
    CHECK(problems[1].message.rfind("fixtures/" + tampered + ".json: content hash is sha256-", 0) == 0);

    const JobResult result = run_one(pool, make_job(1, {{"action", "fixtures"}}));
    CHECK(result.reference.value == json({{good, {{"kind", "test.table"}, {"values", {1, 2, 3}}}}}));
    CHECK(result.candidate.value == result.reference.value);
}

TEST_CASE("an adapter whose setup raises is unavailable, the other path runs", "[workers][pool][problems]") {
    WorkerPool pool(test_config(behaviours_reference, "parity_test_adapters.behaviours:failing_setup"));
    REQUIRE(pool.adapter_problems().size() == 1);
    const AdapterProblem& problem = pool.adapter_problems()[0];
    CHECK(problem.path == PathName::candidate);
    CHECK(problem.adapter == "parity_test_adapters.behaviours:failing_setup");
    CHECK(problem.message ==
          "parity_test_adapters.behaviours:failing_setup: setup failed: ValueError: candidate cannot set up "
          "(at behaviours.py:30 in setup)");

    const JobResult result = run_one(pool, make_job(1, {{"action", "echo"}}, true, 1));
    CHECK(result.reference.status == PathStatus::ok);
    CHECK(result.candidate.status == PathStatus::unavailable);
    CHECK(result.candidate.detail ==
          "candidate adapter setup failed: parity_test_adapters.behaviours:failing_setup: ValueError: "
          "candidate "
          "cannot set up (at behaviours.py:30 in setup)");
    REQUIRE(result.noise.size() == 1);
    CHECK(result.noise[0].status == PathStatus::ok);
}

TEST_CASE("adapters that cannot be imported are reported, not fatal", "[workers][pool][problems]") {
    const auto problems_of = [](const std::string& reference, const std::string& candidate) {
        WorkerPool pool(test_config(reference, candidate));
        const JobResult result = run_one(pool, make_job(1, {{"action", "echo"}}));
        return std::make_pair(pool.adapter_problems(), result);
    };

    SECTION("a module that raises on import, and a missing attribute") {
        const auto [problems, result] = problems_of("parity_test_adapters.broken_import:reference",
                                                    "parity_test_adapters.behaviours:nope");
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].path == PathName::reference);
        CHECK(problems[0].message ==
              "parity_test_adapters.broken_import:reference: RuntimeError: this module refuses to load "
              "(at broken_import.py:3 in <module>)");
        CHECK(problems[1].path == PathName::candidate);
        CHECK(problems[1].message.rfind("parity_test_adapters.behaviours:nope: AttributeError: module "
                                        "'parity_test_adapters.behaviours' has no attribute 'nope'",
                                        0) == 0);
        CHECK(result.reference.status == PathStatus::unavailable);
        CHECK(result.reference.detail.rfind(
                  "reference adapter import failed: parity_test_adapters.broken_import", 0) == 0);
        CHECK(result.candidate.status == PathStatus::unavailable);
    }
    SECTION("a missing module, a malformed name, an object without run()") {
        const auto [problems, result] = problems_of("no_such_module_for_parity:x", "parity_test_adapters");
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].message.rfind("no_such_module_for_parity:x: ModuleNotFoundError: No module named "
                                        "'no_such_module_for_parity'",
                                        0) == 0);
        CHECK(problems[1].message == "parity_test_adapters: not of the form module:attribute");

        const auto [more, _] = problems_of("parity_test_adapters.behaviours:not_an_adapter",
                                           "parity_test_adapters.behaviours:nested.inner");
        REQUIRE(more.size() == 1);
        CHECK(more[0].message ==
              "parity_test_adapters.behaviours:not_an_adapter: the adapter has no setup() method");
    }
    SECTION("a dotted attribute resolves") {
        const auto [problems, result] =
            problems_of(behaviours_reference, "parity_test_adapters.behaviours:nested.inner");
        CHECK(problems.empty());
        CHECK(result.candidate.status == PathStatus::ok);
    }
}

namespace {

/// Redirects a standard descriptor into a temporary file for the scope, and reads it back.
class CapturedDescriptor {
  public:
    explicit CapturedDescriptor(int fd) : fd_(fd), saved_(::dup(fd)) {
        std::fflush(nullptr);
        std::cout.flush();
        std::cerr.flush();
        file_ = std::tmpfile();
        REQUIRE(file_ != nullptr);
        ::dup2(::fileno(file_), fd_);
    }
    CapturedDescriptor(const CapturedDescriptor&) = delete;
    CapturedDescriptor& operator=(const CapturedDescriptor&) = delete;
    ~CapturedDescriptor() {
        restore();
        std::fclose(file_);
    }
    void restore() {
        if (saved_ >= 0) {
            std::fflush(nullptr);
            ::dup2(saved_, fd_);
            ::close(saved_);
            saved_ = -1;
        }
    }
    std::string text() {
        restore();
        std::string content;
        std::rewind(file_);
        char buffer[4096];
        std::size_t got = 0;
        while ((got = std::fread(buffer, 1, sizeof buffer, file_)) > 0) {
            content.append(buffer, got);
        }
        return content;
    }

  private:
    int fd_;
    int saved_;
    std::FILE* file_ = nullptr;
};

}  // namespace

TEST_CASE("what adapters print goes to stderr, never to the pool's stdout", "[workers][pool]") {
    CapturedDescriptor out(STDOUT_FILENO);
    CapturedDescriptor err(STDERR_FILENO);
    JobResult result;
    {
        WorkerPool pool(test_config());
        result = run_one(pool, make_job(1, {{"action", "print"}, {"on", "candidate"}}));
    }
    const std::string printed = out.text();
    const std::string errors = err.text();
    CHECK(result.candidate.status == PathStatus::ok);
    CHECK(result.candidate.value == "printed");
    CHECK(printed.empty());
    CHECK(errors.find("candidate printed this to stdout") != std::string::npos);
}

TEST_CASE("two workers run jobs in parallel", "[workers][pool][parallel]") {
    PoolConfig config = test_config();
    config.workers = 2;
    WorkerPool pool(config);
    const json sleep = {{"action", "sleep"}, {"seconds", 0.3}};
    const auto start = std::chrono::steady_clock::now();
    CHECK(pool.workers() == 2);
    pool.submit_to(0, make_job(1, sleep));
    REQUIRE(pool.idle(1));
    pool.submit_to(1, make_job(2, sleep));
    CHECK_FALSE(pool.idle(0));
    CHECK_FALSE(pool.idle(1));
    CHECK(pool.in_flight() == 2);
    std::set<std::uint64_t> sequences;
    std::set<int> workers;
    for (int i = 0; i < 2; ++i) {
        const JobResult result = pool.wait_next();
        sequences.insert(result.sequence);
        workers.insert(result.worker_id);
        CHECK(result.reference.status == PathStatus::ok);
        CHECK(result.candidate.status == PathStatus::ok);
    }
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(sequences == std::set<std::uint64_t>{1, 2});
    CHECK(workers == std::set<int>{0, 1});
    // 4 sleeps of 0.3 s: 1.2 s one after the other, about 0.6 s on two workers.
    std::cout << "two workers, two jobs of 2 x 0.3 s: " << elapsed << " s\n";
}

TEST_CASE("workers run the interpreter the build found, with python_path first", "[workers][pool]") {
    WorkerPool pool(test_config());
    const JobResult result = run_one(pool, make_job(1, {{"action", "interpreter"}}));
    CHECK(result.reference.value["executable"] == PARITY_PYTHON_EXECUTABLE);
    CHECK(result.reference.value["path"] == json::array({PARITY_TEST_ADAPTERS_DIR}));
}

namespace {

std::int64_t cpu_ns(const rusage& usage) {
    constexpr std::int64_t ns_per_s = 1'000'000'000;
    constexpr std::int64_t ns_per_us = 1'000;
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * ns_per_s +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * ns_per_us;
}

std::int64_t cpu_ns_of(int who) {
    rusage usage{};
    ::getrusage(who, &usage);
    return cpu_ns(usage);
}

}  // namespace

TEST_CASE("per-job overhead of the round trip to a worker", "[workers][pool][overhead]") {
    constexpr int jobs = 2'000;
    const json input = {{"action", "echo"}, {"rows", {{{"name", "Ada"}, {"score", 0.5}}}}};

    // A pool that runs no job: the CPU of a worker's startup and shutdown, to subtract.
    const std::int64_t children_before_idle = cpu_ns_of(RUSAGE_CHILDREN);
    { WorkerPool idle(test_config()); }
    const std::int64_t worker_lifetime_ns = cpu_ns_of(RUSAGE_CHILDREN) - children_before_idle;

    std::int64_t adapter_ns = 0;
    const std::int64_t children_before = cpu_ns_of(RUSAGE_CHILDREN);
    std::int64_t parent_ns = 0;
    std::int64_t total_ns = 0;
    {
        WorkerPool pool(test_config());
        const std::int64_t parent_before = cpu_ns_of(RUSAGE_SELF);
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < jobs; ++i) {
            const JobResult result =
                run_one(pool, make_job(static_cast<std::uint64_t>(i), input, i % 2 == 0));
            REQUIRE(result.candidate.status == PathStatus::ok);
            adapter_ns += result.reference.wall_ns + result.candidate.wall_ns;
        }
        total_ns =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
                .count();
        parent_ns = cpu_ns_of(RUSAGE_SELF) - parent_before;
    }
    const std::int64_t worker_ns = cpu_ns_of(RUSAGE_CHILDREN) - children_before - worker_lifetime_ns;
    const auto per_job_us = [&](std::int64_t ns) { return static_cast<double>(ns) / jobs / 1'000.0; };
    std::cout << "worker round trip (" << jobs << " jobs of 2 paths): " << per_job_us(total_ns)
              << " us wall per job, " << per_job_us(total_ns - adapter_ns)
              << " us of it outside the two run() calls; CPU per job: pool " << per_job_us(parent_ns)
              << " us, worker " << per_job_us(worker_ns) << " us (run() calls included)\n";
    CHECK(total_ns > adapter_ns);
}

TEST_CASE("a baseline worker per worker imports its own build of the same module name", "[workers][pool]") {
    PoolConfig config = test_config();
    config.baseline_adapter = behaviours_candidate;
    config.baseline_python_path = {PARITY_TEST_BASELINE_ADAPTERS_DIR};
    WorkerPool pool(config);
    CHECK(pool.workers() == 1);
    CHECK(pool.adapter_problems().empty());
    CHECK(pool.baseline_adapter_problems().empty());
    REQUIRE(pool.idle(0));
    REQUIRE(pool.idle(1));

    pool.submit_to(1, make_job(5, {{"action", "count"}}));
    CHECK_FALSE(pool.idle(1));
    CHECK(pool.idle(0));
    CHECK_THROWS_AS(pool.submit_to(1, make_job(6, {{"action", "count"}})), std::logic_error);
    const JobResult baseline = pool.wait_next();
    CHECK(baseline.sequence == 5);
    CHECK(baseline.worker_id == 1);
    CHECK(baseline.candidate.value["build"] == "baseline");
    CHECK(baseline.reference.value["build"] == "baseline");  // first on its sys.path: the whole package

    pool.submit_to(0, make_job(6, {{"action", "count"}}));
    const JobResult current = pool.wait_next();
    CHECK(current.worker_id == 0);
    CHECK(current.candidate.value["adapter"] == "candidate");
    CHECK_FALSE(current.candidate.value.contains("build"));
    CHECK(current.candidate.value["pid"] != baseline.candidate.value["pid"]);
    CHECK_THROWS_AS(pool.submit_to(2, make_job(7, {})), std::logic_error);
}

TEST_CASE("a baseline that cannot be set up is the baseline workers' problem, not the pool's",
          "[workers][pool]") {
    PoolConfig config = test_config();
    config.baseline_adapter = "parity_test_adapters.behaviours:failing_setup";
    WorkerPool pool(config);
    CHECK(pool.adapter_problems().empty());
    REQUIRE(pool.baseline_adapter_problems().size() == 1);
    CHECK(pool.baseline_adapter_problems()[0].path == PathName::candidate);
    CHECK_THAT(pool.baseline_adapter_problems()[0].message, Catch::Contains("cannot set up"));
    pool.submit_to(1, make_job(1, {{"action", "echo"}}));
    const JobResult result = pool.wait_next();
    CHECK(result.candidate.status == PathStatus::unavailable);
    CHECK(result.reference.status == PathStatus::ok);
}
