#pragma once

// The matcher written as plainly as the Python reference (importer.matching), for checking the
// fast one: key strings in a std::map, the naive similarity oracles, no short cuts, no caches.

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/core/matching/matcher.hpp"
#include "parity/core/matching/scoring.hpp"

namespace parity::test {

using core::matching::MatchConfig;
using core::matching::NormalizedRecord;

/// blocking.py's customer_keys: the key strings, such as "names:ann|lee".
[[nodiscard]] std::vector<std::u32string> oracle_customer_keys(const NormalizedRecord& record,
                                                               const MatchConfig& config);

/// blocking.py's row_keys: own keys, then those with the names exchanged, first occurrences only.
[[nodiscard]] std::vector<std::u32string> oracle_row_keys(const NormalizedRecord& record,
                                                          const MatchConfig& config);

/// blocking.py's BlockingIndex.
class OracleIndex {
  public:
    OracleIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config);
    [[nodiscard]] core::matching::Candidates candidates(const NormalizedRecord& row) const;

  private:
    MatchConfig config_;
    std::map<std::u32string, std::vector<std::uint32_t>> blocks_;
};

/// scoring.py's score_candidate.
[[nodiscard]] core::matching::CandidateScore oracle_score(const NormalizedRecord& row,
                                                          const NormalizedRecord& customer,
                                                          std::int64_t customer_id,
                                                          const MatchConfig& config);

/// matcher.py's Matcher.match on normalized records (ids unique).
[[nodiscard]] std::vector<core::matching::MatchResult> oracle_match(
    const std::vector<std::int64_t>& ids, const std::vector<NormalizedRecord>& customers,
    const std::vector<NormalizedRecord>& rows, const MatchConfig& config);

/// Random normalized records drawn from small pools, so that equal values, shared name prefixes,
/// swapped names, crowded blocks and both caps are all common. Also: names with spaces, '|' in
/// values, non-ASCII code points, values over 64 code points, missing fields.
class RecordGenerator {
  public:
    explicit RecordGenerator(std::uint32_t seed) : random_(seed) {}
    [[nodiscard]] NormalizedRecord record();
    /// A copy of `record` with a few fields changed, dropped or exchanged.
    [[nodiscard]] NormalizedRecord variant(const NormalizedRecord& record);
    /// A configuration with small caps and prefix lengths (weights kept).
    [[nodiscard]] MatchConfig config();
    std::mt19937& random() {
        return random_;
    }

  private:
    [[nodiscard]] std::optional<std::u32string> value(std::size_t field);
    std::mt19937 random_;
};

/// A record as Python prints a NormalizedRecord, for failure messages.
[[nodiscard]] std::string record_repr(const NormalizedRecord& record);

}  // namespace parity::test
