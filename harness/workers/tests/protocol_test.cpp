#include "protocol.hpp"

#include <catch2/catch.hpp>

namespace protocol = parity::workers::protocol;
using parity::workers::Job;
using parity::workers::PathName;
using parity::workers::PathResult;
using parity::workers::PathStatus;

TEST_CASE("run_order honours candidate_first and appends noise runs", "[workers][protocol]") {
    CHECK(protocol::run_order(Job{1, "", false, 0}) == std::vector{PathName::reference, PathName::candidate});
    CHECK(protocol::run_order(Job{1, "", true, 2}) ==
          std::vector{PathName::candidate, PathName::reference, PathName::noise, PathName::noise});
}

TEST_CASE("names of paths and statuses round-trip", "[workers][protocol]") {
    for (const PathName name : {PathName::reference, PathName::candidate, PathName::noise}) {
        CHECK(protocol::parse_path_name(to_string(name)) == name);
    }
    for (const PathStatus status : {PathStatus::ok, PathStatus::error, PathStatus::crash, PathStatus::timeout,
                                    PathStatus::unavailable}) {
        CHECK(protocol::parse_path_status(to_string(status)) == status);
    }
    CHECK_THROWS(protocol::parse_path_name("other"));
}

TEST_CASE("job and result messages round-trip", "[workers][protocol]") {
    const Job job{42, R"({"input": [1, 2]})", true, 3};
    const Job parsed = protocol::parse_job(protocol::job_message(job));
    CHECK(parsed.sequence == 42);
    CHECK(parsed.request_line == job.request_line);
    CHECK(parsed.candidate_first);
    CHECK(parsed.noise_runs == 3);

    PathResult result;
    result.status = PathStatus::ok;
    result.value = {{"a", 1}};
    result.notes = {{"/a", "note"}};
    result.wall_ns = 123;
    result.cpu_ns = 45;
    result.process_cpu_ns = 67;
    result.stages = {{"parse", 0.25}, {"kernel", 1e-9}, {"a", 0.0}};  // not in alphabetical order
    result.stages_problem = "candidate adapter m:a: stages() returned 'x' (str) for the key 'kernel', ...";
    const auto message = protocol::result_message(PathName::candidate, result);
    CHECK(protocol::message_kind(message) == "result");
    const PathResult back = protocol::parse_result(message);
    CHECK(back.status == PathStatus::ok);
    CHECK(back.value == result.value);
    REQUIRE(back.notes.size() == 1);
    CHECK(back.notes[0].pointer == "/a");
    CHECK(back.wall_ns == 123);
    CHECK(back.cpu_ns == 45);
    CHECK(back.process_cpu_ns == 67);
    CHECK(back.stages == result.stages);  // in the adapter's order, the seconds exact
    CHECK(back.stages_problem == result.stages_problem);
}

TEST_CASE("a result message of an older worker reads without stages or process CPU time",
          "[workers][protocol]") {
    PathResult result;
    result.status = PathStatus::ok;
    result.cpu_ns = 45;
    auto message = protocol::result_message(PathName::reference, result);
    message.erase("process_cpu_ns");
    message.erase("stages");
    message.erase("stages_problem");
    const PathResult back = protocol::parse_result(message);
    CHECK(back.process_cpu_ns == 45);  // the thread's, the only CPU time it measured
    CHECK(back.stages.empty());
    CHECK(back.stages_problem.empty());
}

TEST_CASE("a job asks for the domain check, and an out-of-domain done message says why",
          "[workers][protocol]") {
    Job job{7, R"({"input": 1})", false, 0};
    CHECK_FALSE(protocol::parse_job(protocol::job_message(job)).check_domain);
    job.check_domain = true;
    CHECK(protocol::parse_job(protocol::job_message(job)).check_domain);
    // A job message of an older pool, without the key, does not ask.
    auto message = protocol::job_message(job);
    message.erase("check_domain");
    CHECK_FALSE(protocol::parse_job(message).check_domain);

    const auto done = protocol::out_of_domain_message(7, 1024, "ages are ints");
    CHECK(protocol::message_kind(done) == "done");
    CHECK(done.at("sequence") == 7);
    CHECK(done.at("out_of_domain") == "ages are ints");
    CHECK_FALSE(protocol::done_message(7, 1024).contains("out_of_domain"));
}
