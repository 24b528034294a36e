#pragma once

// The kernel's results as the reference returns them (docs/scoring.md section 6): a list of
// {"id", "score", "decision", "reasons"} dicts, made from str objects created once (the keys, the three
// decisions, the fifteen feature names) and dicts copied from a template (dict_template.hpp).

#include <Python.h>

#include <span>
#include <vector>

#include "parity/scoring/scorer.hpp"
#include "python_checks.hpp"

namespace parity::bindings::scoring {

/// A new list with one dict per result; ids[i] is results[i]'s `id`. Raises on memory exhaustion.
[[nodiscard]] PyObject* result_list(std::span<const parity::scoring::Result> results,
                                    std::span<const OwnedRef> ids);

}  // namespace parity::bindings::scoring
