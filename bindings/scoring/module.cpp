// The private extension module `scoring._native`: the fraud-scoring kernel (core/ parity::scoring).

#include <pybind11/pybind11.h>

#include "bind_scorer.hpp"

PYBIND11_MODULE(_native, module) {
    module.doc() = "Parity's native scoring kernel. Private: import it through scoring.native.";
    parity::bindings::scoring::bind_scorer(module);
}
