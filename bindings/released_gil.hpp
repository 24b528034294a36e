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
// The check and the taking are not atomic: a finalization that starts between them ends the thread with
// pthread_exit inside PyEval_RestoreThread. That forced unwinding is caught right there and the thread
// sleeps as well, instead of unwinding through the caller's frames, whose destructors would release
// Python objects (or re-enable the collector) without the GIL while the interpreter is torn down: a
// handler that never returns is the one way to stop a forced unwinding without std::terminate.
//
//     {
//         parity::bindings::ReleasedGil released;
//         matcher.match(records, results);   // touches no Python object
//     }

#include <Python.h>
#include <unistd.h>

#ifdef __GLIBCXX__
#include <cxxabi.h>
#endif

namespace parity::bindings {

/// True once the interpreter is finalizing (private in 3.11 and 3.12, public as Py_IsFinalizing from 3.13).
inline bool interpreter_finalizing() {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsFinalizing() != 0;
#else
    return _Py_IsFinalizing() != 0;
#endif
}

/// The process is exiting: this thread ends with it, holding nothing.
[[noreturn]] inline void sleep_until_the_process_exits() {
    for (;;) {
        pause();
    }
}

class ReleasedGil {
  public:
    ReleasedGil() : state_(PyEval_SaveThread()) {}
    ~ReleasedGil() {
        if (interpreter_finalizing()) {
            sleep_until_the_process_exits();
        }
#ifdef __GLIBCXX__
        try {
            PyEval_RestoreThread(state_);
        } catch (abi::__forced_unwind&) {
            sleep_until_the_process_exits();  // never returns, so the unwinding never resumes
        }
#else
        PyEval_RestoreThread(state_);
#endif
    }
    ReleasedGil(const ReleasedGil&) = delete;
    ReleasedGil& operator=(const ReleasedGil&) = delete;
    ReleasedGil(ReleasedGil&&) = delete;
    ReleasedGil& operator=(ReleasedGil&&) = delete;

  private:
    PyThreadState* state_;
};

}  // namespace parity::bindings
