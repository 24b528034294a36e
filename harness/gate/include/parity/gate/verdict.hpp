#pragma once

#include <ostream>

#include "parity/gate/policy.hpp"
#include "parity/gate/verdict_model.hpp"
#include "parity/replay/report_model.hpp"

namespace parity::gate {

/// Judges a report against a policy. A latency or speedup criterion passes only when its confidence
/// bound clears the threshold, not the point estimate. Exit codes: 1 on parity, 3 on performance or
/// memory, 4 when there is too little evidence or the host was busy. The report should have been read
/// strictly (replay::load_report): a section it lacks is judged as not measured, never as passing.
[[nodiscard]] Verdict evaluate(const replay::Report& report, const Policy& policy);

/// The verdict as a table for the console.
void print_verdict(const Verdict& verdict, std::ostream& out);

}  // namespace parity::gate
