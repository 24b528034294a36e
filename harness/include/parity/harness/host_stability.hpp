#pragma once

namespace parity::harness {

/// Below this median CPU/wall share of the reference path while timed, its worker was waiting for a
/// CPU: the replay warns that the host is busy, and the gate will not judge performance on it.
constexpr double minimum_timed_cpu_share = 0.8;

}  // namespace parity::harness
