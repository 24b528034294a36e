#pragma once

// Deterministic random normalized records for checking the matcher's parts against the matching
// oracle (parity/core/oracle/matching.hpp), and their repr for failure messages.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"

namespace parity::test {

using core::matching::MatchConfig;
using core::matching::NormalizedRecord;

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
