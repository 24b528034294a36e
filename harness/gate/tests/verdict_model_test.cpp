#include <catch2/catch.hpp>

#include "parity/gate/verdict_model.hpp"

using parity::harness::ExitCode;
using parity::harness::Leniency;
using parity::harness::ModelError;
using namespace parity::gate;

namespace {

Verdict no_go_verdict() {
    Verdict verdict;
    verdict.decision = Decision::no_go;
    verdict.exit_code = ExitCode::differences;
    verdict.reasons = {"max_mismatch_rate: mismatched / compared = 0.75 > 0"};
    verdict.criteria = {
        Criterion{"max_mismatch_rate", CriterionKind::parity, 0, 0.75, std::nullopt, false, true, "0.75 > 0"},
        Criterion{"min_speedup_p50", CriterionKind::performance, 2, std::nullopt, std::nullopt, true, false,
                  "not judged: an A/A run"},
        Criterion{"min_speedup_p99", CriterionKind::performance, 2, 5.1, std::pair{4.0, 6.2}, true, true,
                  "ok"}};
    verdict.policy = "/ci/gate-policy.json";
    return verdict;
}

std::string strict_error(const nlohmann::json& document) {
    try {
        (void)read_verdict(document, Leniency::strict);
    } catch (const ModelError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a verdict survives to_json and a strict read unchanged", "[verdict_model]") {
    const nlohmann::ordered_json written = no_go_verdict();
    CHECK(
        written.dump() ==
        R"({"verdict":"NO-GO","exit_code":1,"reasons":["max_mismatch_rate: mismatched / compared = 0.75 > 0"],)"
        R"("criteria":[{"name":"max_mismatch_rate","kind":"parity","threshold":0.0,"measured":0.75,)"
        R"("interval":null,"passed":false,"applicable":true,"explanation":"0.75 > 0"},)"
        R"({"name":"min_speedup_p50","kind":"performance","threshold":2.0,"measured":null,"interval":null,)"
        R"("passed":true,"applicable":false,"explanation":"not judged: an A/A run"},)"
        R"({"name":"min_speedup_p99","kind":"performance","threshold":2.0,"measured":5.1,"interval":[4.0,6.2],)"
        R"("passed":true,"applicable":true,"explanation":"ok"}],"policy":"/ci/gate-policy.json"})");
    const Verdict read = nlohmann::json(written).get<Verdict>();
    CHECK(nlohmann::ordered_json(read) == written);
    CHECK(read.criteria.at(2).interval->second == 6.2);
}

TEST_CASE("a strict read of verdict.json names the key at fault", "[verdict_model]") {
    auto document = nlohmann::json(nlohmann::ordered_json(no_go_verdict()));
    SECTION("missing") {
        document["criteria"][1].erase("passed");
        CHECK(strict_error(document) == "criteria[1].passed: missing");
    }
    SECTION("wrong type") {
        document["criteria"][0]["threshold"] = "0";
        CHECK(strict_error(document) == "criteria[0].threshold: expected a number, got string");
    }
    SECTION("an unknown decision") {
        document["verdict"] = "MAYBE";
        CHECK(strict_error(document) == "verdict: unknown value \"MAYBE\"");
    }
    SECTION("an exit code the gate never returns") {
        document["exit_code"] = 2;
        CHECK(strict_error(document) == "exit_code: not an exit code of parity gate: 2");
    }
    SECTION("an interval that is not a pair") {
        document["criteria"][2]["interval"] = {1.0};
        CHECK(strict_error(document) == "criteria[2].interval: expected 2 elements, got 1");
    }
}

TEST_CASE("a verdict.json that says nothing reads as undecided, never as GO", "[verdict_model]") {
    std::vector<std::string> problems;
    const Verdict verdict = read_verdict(nlohmann::json::object(), Leniency::tolerant, &problems);
    CHECK(verdict.decision == Decision::undecided);
    CHECK(verdict.exit_code == ExitCode::undecidable);
    CHECK(problems.front() == "verdict: missing");
}
