#include <catch2/catch.hpp>

#include "parity/fuzz/divergence.hpp"

using parity::fuzz::compare_paths;
using parity::fuzz::Divergence;
using parity::workers::JobResult;
using parity::workers::PathStatus;

namespace {

JobResult job(PathStatus reference, nlohmann::json reference_value, PathStatus candidate,
              nlohmann::json candidate_value) {
    JobResult result;
    result.reference.status = reference;
    result.reference.value = std::move(reference_value);
    result.candidate.status = candidate;
    result.candidate.value = std::move(candidate_value);
    return result;
}

}  // namespace

TEST_CASE("a value difference is keyed by its kind and field path") {
    const auto comparison = compare_paths(job(PathStatus::ok, R"([{"score":0.5},{"score":0.9}])"_json,
                                              PathStatus::ok, R"([{"score":0.5},{"score":0.91}])"_json),
                                          parity::diff::Rules{});
    REQUIRE(comparison.divergence);
    CHECK(comparison.divergence->key() == "value at /*/score");
    CHECK(parity::fuzz::shows(comparison, Divergence{"value", "/*/score", ""}));
    CHECK_FALSE(parity::fuzz::shows(comparison, Divergence{"value", "/*/decision", ""}));
}

TEST_CASE("the same error on both paths is agreement, another message is a finding") {
    const nlohmann::json error = {{"type", "ValueError"}, {"message", "bad"}};
    CHECK_FALSE(compare_paths(job(PathStatus::error, error, PathStatus::error, error), {}).divergence);
    const auto other = compare_paths(
        job(PathStatus::error, error, PathStatus::error, {{"type", "ValueError"}, {"message", "worse"}}), {});
    REQUIRE(other.divergence);
    CHECK(other.divergence->key() == "error_message at /message");
}

TEST_CASE("a crash or timeout of the candidate is a finding, of the reference none but counted") {
    const auto crash = compare_paths(job(PathStatus::ok, 1, PathStatus::crash, nullptr), {});
    REQUIRE(crash.divergence);
    CHECK(crash.divergence->key() == "crash of candidate");
    const auto timeout = compare_paths(job(PathStatus::error, nullptr, PathStatus::timeout, nullptr), {});
    REQUIRE(timeout.divergence);
    CHECK(timeout.divergence->key() == "timeout of candidate");
    for (const auto candidate : {PathStatus::ok, PathStatus::crash}) {
        const auto slow_reference = compare_paths(job(PathStatus::timeout, nullptr, candidate, 1), {});
        CHECK_FALSE(slow_reference.divergence);
        CHECK(slow_reference.reference_failed);
    }
    CHECK_FALSE(compare_paths(job(PathStatus::unavailable, nullptr, PathStatus::ok, 1), {}).divergence);
}

TEST_CASE("where the reference differs from itself is noise, left out of the comparison") {
    JobResult result = job(PathStatus::ok, R"({"id":"a1","rows":[{"score":1}]})"_json, PathStatus::ok,
                           R"({"id":"b2","rows":[{"score":2}]})"_json);
    parity::workers::PathResult noise;
    noise.status = PathStatus::ok;
    noise.value = R"({"id":"c3","rows":[{"score":1}]})"_json;
    result.noise.push_back(noise);
    const auto noisy = parity::fuzz::noisy_patterns(result, {});
    CHECK(noisy == parity::fuzz::NoisyPatterns{"/id"});
    const auto comparison = compare_paths(result, {}, noisy);
    REQUIRE(comparison.divergence);
    CHECK(comparison.divergence->key() == "value at /rows/*/score");  // /id left out, the score kept
    CHECK_FALSE(compare_paths(result, {}, {"/rows"}).divergence->key() == "value at /rows/*/score");
}
