#pragma once

#include <pybind11/pybind11.h>

namespace parity::bindings {

/// Adds the string similarity functions (the naive oracles for now) to the module.
void bind_similarity(pybind11::module_& module);

}  // namespace parity::bindings
