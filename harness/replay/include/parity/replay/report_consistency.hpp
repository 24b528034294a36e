#pragma once

// report.json's counts checked against each other: a report whose summary does not add up is corrupted
// evidence, never judged.

#include <string>
#include <vector>

#include "parity/replay/report_model.hpp"

namespace parity::replay {

/// The identities a replay's summary always satisfies, each broken one described with its keys:
///
///   matched + mismatched == compared
///   reference_errors <= compared, candidate_errors <= compared
///   compared + crashes + timeouts + skipped + candidate_unavailable == requests
///
/// The last holds exactly when every request ran once (options.repeat == 1). With --repeat a request
/// compared on its first run may crash in a timing-only run and count in both, so there the sum may
/// exceed requests, but compared + skipped + candidate_unavailable may not.
[[nodiscard]] std::vector<std::string> summary_inconsistencies(const Report& report);

}  // namespace parity::replay
