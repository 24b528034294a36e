#pragma once

// The model document of Scorer(model) checked and converted (docs/scoring.md section 1.1), in the
// reference's order and with its messages (python/scoring/kernel_checks.py, check_model). Runs once per
// Scorer, never on the scoring path.

#include <Python.h>

#include "parity/scoring/model.hpp"
#include "python_checks.hpp"

namespace parity::bindings::scoring {

struct ReadModel {
    parity::scoring::Model model;
    /// The model's `version` object itself (Scorer.version), looked up once like every key.
    OwnedRef version;
};

/// The checked model; raises TypeError / ValueError (as pybind11::error_already_set) like the
/// reference's Scorer(model).
[[nodiscard]] ReadModel read_model(PyObject* model);

}  // namespace parity::bindings::scoring
