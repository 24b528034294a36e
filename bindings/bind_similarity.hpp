#pragma once

#include <pybind11/pybind11.h>

namespace parity::bindings {

/// Adds the string similarity functions (the fast metrics, core/similarity/*.hpp) to the module.
void bind_similarity(pybind11::module_& module);

}  // namespace parity::bindings
