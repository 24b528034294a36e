#include <catch2/catch.hpp>

#include "parity/replay/manifest.hpp"
#include "parity/replay/recorded_comparison.hpp"

using parity::diff::DifferenceKind;
using parity::diff::Outcome;
using parity::diff::Rules;
using parity::replay::CorpusFormatError;
using parity::replay::recorded_outcome;
using parity::replay::RecordedComparison;

namespace {

RecordedComparison with_redaction(const nlohmann::json& redaction, const Rules& rules = Rules{}) {
    return RecordedComparison(nlohmann::json{{"sample_rate", 1.0}, {"redaction", redaction}}, rules);
}

const nlohmann::json recorded_output = nlohmann::json::parse(R"([
    {"status": "matched", "score": 1.0, "field_scores": {"email": "hash:0123456789abcdef"},
     "normalized": {"email": "hash:0123456789abcdef", "name": "ann"}}])");
const nlohmann::json fresh_output = nlohmann::json::parse(R"([
    {"status": "matched", "score": 1.0, "field_scores": {"email": 1.0},
     "normalized": {"email": "ann@example.org", "name": "ann"}}])");

std::vector<std::string> pointers(const std::vector<parity::diff::Difference>& differences) {
    std::vector<std::string> found;
    for (const auto& difference : differences)
        found.push_back(difference.pointer);
    return found;
}

}  // namespace

TEST_CASE("the recorded outcome of a corpus line is its output or its error") {
    const auto output = recorded_outcome(nlohmann::json::parse(R"({"id": "a", "output": [1]})"));
    REQUIRE(output);
    CHECK_FALSE(output->is_error);
    CHECK(output->value == nlohmann::json::array({1}));
    const auto error =
        recorded_outcome(nlohmann::json::parse(R"({"id": "a", "error": {"type": "E", "message": "m"}})"));
    REQUIRE(error);
    CHECK(error->is_error);
    CHECK(error->error_type() == "E");
    CHECK_FALSE(recorded_outcome(nlohmann::json::parse(R"({"id": "a"})")));
}

TEST_CASE("without redaction the recorded comparison is the replay's diff") {
    const RecordedComparison strict;
    CHECK(pointers(strict.diff(Outcome{false, recorded_output}, Outcome{false, fresh_output})) ==
          std::vector<std::string>{"/0/field_scores/email", "/0/normalized/email"});
    CHECK(strict.ignored().empty());
    const RecordedComparison none(nlohmann::json{{"redaction", nlohmann::json::object()}}, Rules{});
    CHECK(none.diff(Outcome{false, recorded_output}, Outcome{false, recorded_output}).empty());
}

TEST_CASE("redacted output paths are ignored against the recording, input paths are not") {
    const auto recorded = with_redaction({{"output.*.normalized.email", "hash"},
                                          {"output.*.field_scores.email", "drop"},
                                          {"input.rows.*.email", "hash"}});
    CHECK(recorded.diff(Outcome{false, recorded_output}, Outcome{false, fresh_output}).empty());
    REQUIRE(recorded.ignored().size() == 3);
    const auto& input = recorded.ignored()[0];  // nlohmann's objects iterate in key order
    CHECK(input.redaction == "input.rows.*.email");
    CHECK(input.output_paths.empty());
    CHECK_THAT(input.reason, Catch::Contains("nothing ignored"));
    CHECK(recorded.ignored()[2].output_paths == std::vector<std::string>{"/*/normalized/email"});
    CHECK_FALSE(recorded.ignored()[2].legacy);
    CHECK(recorded.warnings().empty());
    // Another field still differs: only the redacted path is ignored.
    auto changed = fresh_output;
    changed[0]["normalized"]["name"] = "bob";
    CHECK(pointers(recorded.diff(Outcome{false, recorded_output}, Outcome{false, changed})) ==
          std::vector<std::string>{"/0/normalized/name"});
    // An outcome of another kind is never hidden: an error against the recorded value is drift.
    const auto raised = recorded.diff(Outcome{false, recorded_output},
                                      Outcome::error("TypeError", "config.weights.email: expected a number"));
    REQUIRE(raised.size() == 1);
    CHECK(raised[0].kind == DifferenceKind::error_vs_value);
}

TEST_CASE("a dropped output key is ignored too") {
    auto dropped = recorded_output;
    dropped[0]["normalized"].erase("email");
    const auto recorded =
        with_redaction({{"output.*.normalized.email", "drop"}, {"output.*.field_scores.email", "hash"}});
    CHECK(recorded.diff(Outcome{false, dropped}, Outcome{false, fresh_output}).empty());
}

TEST_CASE("a legacy bare name ignores that key anywhere, with a warning") {
    const auto recorded = with_redaction({{"email", "hash"}});
    CHECK(recorded.diff(Outcome{false, recorded_output}, Outcome{false, fresh_output}).empty());
    REQUIRE(recorded.ignored().size() == 1);
    CHECK(recorded.ignored()[0].legacy);
    CHECK(recorded.ignored()[0].output_paths == std::vector<std::string>{"/**/email"});
    REQUIRE(recorded.warnings().size() == 1);
    CHECK_THAT(recorded.warnings()[0],
               Catch::StartsWith("corpus redaction rule \"email\": a bare field name"));
}

TEST_CASE("redacted parts of a recorded error are ignored, and only those") {
    const Outcome recorded_error = Outcome::error("ValueError", "bad email hash:0123456789abcdef");
    const Outcome fresh_error = Outcome::error("ValueError", "bad email ann@example.org");
    CHECK(RecordedComparison().diff(recorded_error, fresh_error).size() == 1);
    CHECK(with_redaction({{"error.message", "hash"}}).diff(recorded_error, fresh_error).empty());
    CHECK(with_redaction({{"error.message", "hash"}}).ignored()[0].error_keys ==
          std::vector<std::string>{"message"});
    const auto other_type = Outcome::error("TypeError", "bad email ann@example.org");
    CHECK(with_redaction({{"error.message", "hash"}}).diff(recorded_error, other_type).size() == 1);
}

TEST_CASE("keys with / or ~ are escaped in the ignored rule paths") {
    const auto recorded = with_redaction({{"output.a/b.c~d", "hash"}});
    CHECK(recorded.ignored()[0].output_paths == std::vector<std::string>{"/a~1b/c~0d"});
    const auto difference =
        recorded.diff(Outcome{false, {{"a/b", {{"c~d", 1}}}}}, Outcome{false, {{"a/b", {{"c~d", 2}}}}});
    CHECK(difference.empty());
}

TEST_CASE("the replay's own rules still apply to the recorded comparison") {
    parity::diff::Rule tolerance;
    tolerance.path = "/*/score";
    tolerance.float_tolerance = parity::diff::FloatTolerance{0.01, std::nullopt, std::nullopt};
    const Rules rules(std::vector<parity::diff::Rule>{tolerance});
    auto close = recorded_output;
    close[0]["score"] = 0.995;
    CHECK(with_redaction({{"email", "hash"}}, rules)
              .diff(Outcome{false, recorded_output}, Outcome{false, close})
              .empty());
}

TEST_CASE("a malformed redaction map names the manifest and the pattern") {
    CHECK_THROWS_WITH(with_redaction(nlohmann::json::array()),
                      Catch::StartsWith("manifest.json: recorder.redaction: expected an object"));
    CHECK_THROWS_WITH(with_redaction({{"input.rows.*.email", "scramble"}}),
                      "manifest.json: recorder.redaction.input.rows.*.email: unknown action \"scramble\" "
                      "(known: \"drop\", \"hash\")");
    CHECK_THROWS_WITH(with_redaction({{"output..email", "hash"}}),
                      "manifest.json: recorder.redaction: pattern \"output..email\" has an empty key");
    CHECK_THROWS_AS(with_redaction({{"email", 1}}), CorpusFormatError);
}
