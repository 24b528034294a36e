#pragma once

// The Matcher constructor's settings read from Python: the checked MatchConfig as the core's struct,
// and the `threads` argument (docs/matching.md section 5, "The native Matcher's settings").

#include <pybind11/pybind11.h>

#include "parity/core/matching/config.hpp"

namespace parity::bindings {

/// The core's settings from a checked importer.matching.MatchConfig. A count too large for size_t
/// becomes SIZE_MAX: each one bounds a length or a number of customers, none of which can reach it,
/// so every such value means "no bound", in the reference as here.
[[nodiscard]] core::matching::MatchConfig to_core_config(pybind11::handle config);

/// The threads a Matcher splits large batches over, for the `threads` given: 0 means one per CPU the
/// process may keep busy (platform::usable_cpus()), a larger count is capped to that number (threads
/// beyond it only take turns). A bool or non-int raises TypeError, a negative int ValueError.
///
///     threads_for(py::int_(100000)) == platform::usable_cpus()
[[nodiscard]] unsigned threads_for(pybind11::handle threads);

}  // namespace parity::bindings
