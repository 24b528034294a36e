#pragma once

// Releases the GIL for a stretch of pure C++ work and takes it back at the end of the scope, like
// pybind11's gil_scoped_release, except when the interpreter began shutting down meanwhile.
//
// Why: a daemon thread (the runtime switch's shadow runs, a service's worker) can be inside the native
// code when the main thread exits. In CPython before 3.14, a thread that takes the GIL back during
// finalization is ended with pthread_exit; its forced unwinding then crosses the noexcept destructor that
// was taking the GIL back, and the C++ runtime calls std::terminate: the whole process aborts (SIGABRT,
// exit 134) instead of exiting with its own code. Here such a thread never takes the GIL back: it sleeps
// until the process is gone, which is what CPython 3.14 itself does (PyThread_hang_thread).
// The check and the taking are not atomic: a finalization that starts between them still ends the
// thread as before; the window is a few instructions instead of the whole C++ call.
//
//     {
//         parity::bindings::ReleasedGil released;
//         matcher.match(records, results);   // touches no Python object
//     }

#include <Python.h>
#include <unistd.h>

namespace parity::bindings {

/// True once the interpreter is finalizing (private in 3.11 and 3.12, public as Py_IsFinalizing from 3.13).
inline bool interpreter_finalizing() {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsFinalizing() != 0;
#else
    return _Py_IsFinalizing() != 0;
#endif
}

class ReleasedGil {
  public:
    ReleasedGil() : state_(PyEval_SaveThread()) {}
    // NOLINTNEXTLINE(bugprone-exception-escape): only pthread_exit's forced unwinding leaves it
    ~ReleasedGil() noexcept(false) {
        if (interpreter_finalizing()) {
            for (;;) {
                pause();  // the process is exiting: this thread ends with it, holding nothing
            }
        }
        PyEval_RestoreThread(state_);
    }
    ReleasedGil(const ReleasedGil&) = delete;
    ReleasedGil& operator=(const ReleasedGil&) = delete;
    ReleasedGil(ReleasedGil&&) = delete;
    ReleasedGil& operator=(ReleasedGil&&) = delete;

  private:
    PyThreadState* state_;
};

}  // namespace parity::bindings
