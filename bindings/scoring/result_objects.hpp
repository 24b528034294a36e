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

/// A new {"id": id, "score", "decision", "reasons"} dict for `result`, or nullptr with a Python error
/// set (MemoryError). Steals the reference `id` (also on failure): the request reader's reference to
/// each id goes into its result, so that making the results never touches the id objects themselves
/// (each one a cache miss, twice: the increment here and the decrement when the reader's list goes).
[[nodiscard]] PyObject* result_dict(const parity::scoring::Result& result, PyObject* id);

/// A new list with one dict per result; ids[i] is results[i]'s `id`, its reference taken over (the
/// OwnedRefs are left empty). Raises on memory exhaustion.
[[nodiscard]] PyObject* result_list(std::span<const parity::scoring::Result> results,
                                    std::span<OwnedRef> ids);

}  // namespace parity::bindings::scoring
