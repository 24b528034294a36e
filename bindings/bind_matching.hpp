#pragma once

#include <pybind11/pybind11.h>

namespace parity::bindings {

/// Registers `Matcher` (importer.matching.Matcher's native twin) on the module.
void bind_matching(pybind11::module_& module);

}  // namespace parity::bindings
