#pragma once

// score(profile, history, transactions)'s arguments checked and converted to the core's Request
// (docs/scoring.md section 1.2), in the reference's order and with its messages
// (python/scoring/kernel_checks.py: check_profile, check_records). This is the one place that reads a
// caller's objects on the scoring path: records that are plain dicts of plain values take a fast path
// (record_layouts.hpp), every other record, and every record the fast path does not accept, the checked
// path, which raises the first failing check.

#include <Python.h>

#include <vector>

#include "parity/scoring/request.hpp"
#include "python_checks.hpp"

namespace parity::bindings::scoring {

struct ReadRequest {
    parity::scoring::Request request;
    /// Each transaction's `id`, in input order (the result's `id` is that same object).
    std::vector<OwnedRef> ids;
};

/// Raises TypeError / ValueError (as pybind11::error_already_set) like the reference's score().
[[nodiscard]] ReadRequest read_request(PyObject* profile, PyObject* history, PyObject* transactions);

}  // namespace parity::bindings::scoring
