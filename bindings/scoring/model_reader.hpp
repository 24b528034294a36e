#pragma once

// The model document of Scorer(model) checked and converted (docs/scoring.md section 1.1), in the
// reference's order and with its messages (python/scoring/kernel_checks.py, check_model). Runs once per
// Scorer, never on the scoring path.

#include <Python.h>

#include "parity/scoring/model.hpp"

namespace parity::bindings::scoring {

/// The checked model; raises TypeError / ValueError (as pybind11::error_already_set) like the
/// reference's Scorer(model).
[[nodiscard]] parity::scoring::Model read_model(PyObject* model);

}  // namespace parity::bindings::scoring
