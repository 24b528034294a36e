// _ab_probe: a native adapter built three times under one module name, for the tests of
// `parity replay --baseline` (python/tests/test_replay_baseline.py): two builds of one module must
// coexist in one replay, and the harness must see which is slower and which answers differently.
//
// AB_PROBE_BUILD names the build (module attribute BUILD). AB_PROBE_PASSES walks the generator that
// many times and keeps the last walk, so a build with 3 passes does three times the work of one with
// 1 pass for the same answers. AB_PROBE_CHANGED makes the answer differ on some inputs.

#include <pybind11/pybind11.h>

#include <cstdint>

#ifndef AB_PROBE_BUILD
#error "AB_PROBE_BUILD must name the build"
#endif
#ifndef AB_PROBE_PASSES
#define AB_PROBE_PASSES 1
#endif

namespace {

// Knuth's MMIX linear congruential generator, modulo 2^64 (unsigned wrap-around).
constexpr std::uint64_t multiplier = 6364136223846793005ULL;
constexpr std::uint64_t increment = 1442695040888963407ULL;
constexpr int passes = AB_PROBE_PASSES;
// The changed build steps once more when the step count is a multiple of this.
constexpr std::uint64_t changed_period = 5;

std::uint64_t walk_once(std::uint64_t state, std::uint64_t steps) {
    for (std::uint64_t step = 0; step < steps; ++step) {
        state = state * multiplier + increment;
    }
    return state;
}

/// The generator's state after `steps` steps from `seed`.
std::uint64_t walk(std::uint64_t seed, std::uint64_t steps) {
    std::uint64_t state = 0;
    for (int pass = 0; pass < passes; ++pass) {
        std::uint64_t start = seed;
        // Opaque to the optimiser, so that every pass is computed: identical passes would otherwise
        // be merged, and all but the last dropped as dead.
        asm volatile("" : "+r"(start));
        state = walk_once(start, steps);
        asm volatile("" : "+r"(state));
    }
#ifdef AB_PROBE_CHANGED
    if (steps % changed_period == 0) {
        state = walk_once(state, 1);
    }
#endif
    return state;
}

}  // namespace

PYBIND11_MODULE(_ab_probe, module) {
    module.doc() = "One of three builds of a test probe: fast, slow (same answers, 3x the work), changed";
    module.attr("BUILD") = AB_PROBE_BUILD;
    module.attr("PASSES") = passes;
    module.def("walk", &walk, pybind11::arg("seed"), pybind11::arg("steps"),
               "The state of Knuth's MMIX generator after `steps` steps from `seed`.");
}
