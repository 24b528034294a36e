#pragma once

// The matcher written as plainly as the Python reference (importer.matching), for checking the
// fast one: key strings in a std::map, the naive similarity oracles, no short cuts, no caches.
// Each function is named for the reference function it follows.
//
//     std::vector<MatchResult> expected = oracle::match(ids, customers, rows, config);

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/detail/blocking.hpp"
#include "parity/core/matching/detail/scoring.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/core/matching/matcher.hpp"

namespace parity::core::oracle {

/// blocking.py's customer_keys: the key strings, such as "names:ann|lee".
[[nodiscard]] std::vector<std::u32string> customer_keys(const matching::NormalizedRecord& record,
                                                        const matching::MatchConfig& config);

/// blocking.py's row_keys: own keys, then those with the names exchanged, first occurrences only.
[[nodiscard]] std::vector<std::u32string> row_keys(const matching::NormalizedRecord& record,
                                                   const matching::MatchConfig& config);

/// blocking.py's BlockingIndex.
class BlockingIndex {
  public:
    BlockingIndex(const std::vector<matching::NormalizedRecord>& customers,
                  const matching::MatchConfig& config);
    [[nodiscard]] matching::Candidates candidates(const matching::NormalizedRecord& row) const;

  private:
    matching::MatchConfig config_;
    std::map<std::u32string, std::vector<std::uint32_t>> blocks_;
};

/// scoring.py's score_candidate.
[[nodiscard]] matching::CandidateScore score_candidate(const matching::NormalizedRecord& row,
                                                       const matching::NormalizedRecord& customer,
                                                       std::int64_t customer_id,
                                                       const matching::MatchConfig& config);

/// matcher.py's Matcher.match on normalized records (ids unique).
[[nodiscard]] std::vector<matching::MatchResult> match(
    const std::vector<std::int64_t>& ids, const std::vector<matching::NormalizedRecord>& customers,
    const std::vector<matching::NormalizedRecord>& rows, const matching::MatchConfig& config);

}  // namespace parity::core::oracle
