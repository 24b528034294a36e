#include "job_progress.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

using parity::workers::Job;
using parity::workers::JobProgress;
using parity::workers::PathName;
using parity::workers::PathResult;
using parity::workers::PathStatus;

namespace {

PathResult ok(int value) {
    PathResult result;
    result.status = PathStatus::ok;
    result.value = value;
    return result;
}

}  // namespace

TEST_CASE("results are sorted into reference, candidate and noise", "[workers][progress]") {
    JobProgress progress(Job{7, "{}", true, 2});
    CHECK(progress.current_label() == "candidate");
    progress.on_started(PathName::candidate);
    CHECK(progress.path_running());
    progress.on_result(ok(1));
    progress.on_started(PathName::reference);
    progress.on_result(ok(2));
    progress.on_started(PathName::noise);
    progress.on_result(ok(3));
    CHECK(progress.current_label() == "noise run 2");
    progress.on_started(PathName::noise);
    progress.on_result(ok(4));
    CHECK(progress.all_finished());
    const auto result = progress.take_result(3, 1024);
    CHECK(result.sequence == 7);
    CHECK(result.worker_id == 3);
    CHECK(result.worker_rss_bytes == 1024);
    CHECK(result.candidate.value == 1);
    CHECK(result.reference.value == 2);
    REQUIRE(result.noise.size() == 2);
    CHECK(result.noise[1].value == 4);
}

TEST_CASE("messages out of order are protocol errors", "[workers][progress]") {
    JobProgress progress(Job{1, "{}", false, 0});
    CHECK_THROWS_AS(progress.on_started(PathName::candidate), std::runtime_error);
    CHECK_THROWS_AS(progress.on_result(ok(1)), std::runtime_error);
    progress.on_started(PathName::reference);
    CHECK_THROWS_AS(progress.on_started(PathName::candidate), std::runtime_error);
}

TEST_CASE("an abnormal end keeps finished paths and marks the rest", "[workers][progress]") {
    JobProgress progress(Job{1, "{}", false, 1});
    progress.on_started(PathName::reference);
    progress.on_result(ok(1));
    progress.on_started(PathName::candidate);
    progress.end_abnormally(PathStatus::crash, 11, "killed", "crashed");
    const auto result = progress.take_result(0, 0);
    CHECK(result.reference.value == 1);
    CHECK(result.candidate.status == PathStatus::crash);
    CHECK(result.candidate.signal == 11);
    CHECK(result.candidate.detail == "killed");
    REQUIRE(result.noise.size() == 1);
    CHECK(result.noise[0].status == PathStatus::unavailable);
    CHECK(result.noise[0].detail == "not run: the worker crashed in candidate");
}
