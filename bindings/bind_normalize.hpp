#pragma once

#include <pybind11/pybind11.h>

namespace parity::bindings {

/// Adds the field normalization functions of docs/matching.md section 2 (normalize_text, normalize_email,
/// normalize_phone, normalize_postcode, normalize_date), the DateParseError exception (a ValueError) and
/// normalize_batch, which applies one of them to many values at once.
void bind_normalize(pybind11::module_& module);

}  // namespace parity::bindings
