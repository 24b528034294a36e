// The private module `parity._worker`: the harness's worker loop (harness/workers, worker_runtime.hpp)
// hosted by a real interpreter. The pool executes `<python> -c <bootstrap> <socket fd> <config>`,
// and the bootstrap calls serve(): the adapters then run on the Python the service runs on, not on
// the libpython the parity executable links.

#include <pybind11/pybind11.h>

#include <string>

#include "parity/workers/worker_runtime.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_worker, module) {
    module.doc() = "Parity's worker loop, for worker processes the parity harness starts (not for direct use).";
    module.def(
        "serve",
        [](int socket_fd, const std::string& config_json) {
            parity::workers::serve_in_interpreter(socket_fd, config_json);  // ends the process
        },
        py::arg("socket_fd"), py::arg("config_json"),
        "Run jobs from the pool on socket_fd until told to stop, then exit the process. Never returns.");
}
