#pragma once

// Replayed outcomes against the outcome recorded in production: the replay's diff rules, plus an
// ignore rule for every output path the corpus's redaction rewrote (a hashed or dropped recorded value
// can never equal the fresh one). Used for the recorded comparisons only, never reference vs candidate.
//
//     const RecordedComparison recorded(manifest.recorder, rules);
//     if (const auto outcome = recorded_outcome(request_json))
//         recorded.diff(*outcome, replayed_reference);  // reference drift

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "parity/diff/difference.hpp"
#include "parity/diff/outcome.hpp"
#include "parity/diff/rules.hpp"
#include "parity/replay/report_recorded.hpp"

namespace parity::replay {

/// The recorded outcome of a parsed corpus line: its `output`, or its `error` ({type, message}); nullopt
/// when it has neither.
[[nodiscard]] std::optional<diff::Outcome> recorded_outcome(const nlohmann::json& request);

class RecordedComparison {
  public:
    /// Strict: the replay's rules only.
    RecordedComparison() = default;

    /// From the manifest's `recorder` object: its `redaction` map, pattern -> "drop" / "hash"
    /// (corpora/README.md). Dotted paths from the record root (`output.*.normalized.email`, `*` any key
    /// or index) under `output` / `error` become ignore rules; a bare name (`email`, legacy manifests)
    /// ignores that key anywhere in the recorded outcome, with a warning. CorpusFormatError naming
    /// `manifest` (the file the recorder object is from), `recorder.redaction` and the pattern for a
    /// malformed map.
    RecordedComparison(const nlohmann::json& recorder, const diff::Rules& rules,
                       const std::string& manifest = "manifest.json");

    /// The differences of `replayed` from `recorded` (recorded on the diff's reference side).
    [[nodiscard]] std::vector<diff::Difference> diff(const diff::Outcome& recorded,
                                                     const diff::Outcome& replayed) const;

    /// Every redaction rule, with what it hides from the recorded comparisons and why.
    [[nodiscard]] const std::vector<RecordedIgnore>& ignored() const noexcept {
        return ignored_;
    }
    /// One line per legacy bare-name rule, for the report's warnings.
    [[nodiscard]] std::vector<std::string> warnings() const;

  private:
    diff::Rules rules_;
    bool ignore_error_type_ = false;
    bool ignore_error_message_ = false;
    std::vector<RecordedIgnore> ignored_;
};

}  // namespace parity::replay
