// The private extension module `_native`. Only assembles the module: each area binds itself in
// its own bind_<area>.cpp.

#include <pybind11/pybind11.h>

#include "bind_matching.hpp"
#include "bind_normalize.hpp"
#include "bind_similarity.hpp"

PYBIND11_MODULE(_native, module) {
    module.doc() = "Parity's native core. Private: import it through the Python package that wraps it.";
    parity::bindings::bind_similarity(module);
    parity::bindings::bind_normalize(module);
    parity::bindings::bind_matching(module);
}
