#pragma once

#include <string>

#include "parity/replay/report_environment.hpp"

namespace parity::replay {

/// The host, build and interpreter a replay runs on, with the load average at its start; the end
/// load average is filled in by note_end_load.
[[nodiscard]] Environment capture_environment(const std::string& service_version);

/// Records the load average at the end of the replay.
void note_end_load(Environment& environment);

/// The steady clock's own cost: the median of back-to-back now() pairs, in nanoseconds.
[[nodiscard]] double timer_overhead_ns();

}  // namespace parity::replay
