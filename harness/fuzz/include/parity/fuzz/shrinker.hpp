#pragma once

// Delta debugging of one diverging input (docs/fuzz.md, "Shrinking"): array elements dropped in
// halves, then quarters, down to one; object keys dropped; strings emptied, cut and their non-ASCII
// code points replaced by "a"; numbers made 0, 1, integral, shorter. An edit is kept when the input
// gets smaller (shorter JSON text, or as long and lexically smaller: so shrinking always ends) and
// the test says the divergence is still there. Sweeps repeat until one changes nothing.

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "parity/fuzz/json_text.hpp"

namespace parity::fuzz {

struct ShrinkLimits {
    std::uint64_t max_tests = 3000;           // inputs run, in all
    std::chrono::milliseconds time{120'000};  // wall time, in all
    std::size_t batch = 2;                    // inputs per test call (the pool's workers)
};

struct ShrinkOutcome {
    Input input;
    std::uint64_t tests = 0;     // inputs run
    std::uint64_t accepted = 0;  // edits kept
    bool limited = false;        // stopped by max_tests or time, not because nothing more could go
};

/// Whether each input still shows the divergence, in order. Called with 1 to ShrinkLimits::batch inputs.
using KeepsDivergence = std::function<std::vector<bool>(const std::vector<Input>&)>;

[[nodiscard]] ShrinkOutcome shrink(Input input, const KeepsDivergence& test, const ShrinkLimits& limits);

/// Whether `a` is smaller than `b` in the shrinker's order (JSON text length, then text).
[[nodiscard]] bool smaller(const std::string& a_text, const std::string& b_text);

}  // namespace parity::fuzz
