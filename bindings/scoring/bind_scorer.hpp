#pragma once

#include <pybind11/pybind11.h>

namespace parity::bindings::scoring {

/// scoring._native.Scorer: scoring.kernel.Scorer in C++ (docs/scoring.md).
void bind_scorer(pybind11::module_& module);

}  // namespace parity::bindings::scoring
