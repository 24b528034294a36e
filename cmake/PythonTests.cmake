# Python-side ctest registration.
#
# parity_add_python_test(<name> <args>...) runs Debian's interpreter (Python3_EXECUTABLE, pinned
# by the presets) with the environment every Python test needs:
#  - PYTHONPATH=<build>/python, where the _native module is built;
#  - PARITY_BUILD_DIR=<build>, so tests can find other built artifacts (the parity CLI, ...);
#  - PARITY_SHARED_DATA=<PARITY_SHARED_DATA_DIR>, so C++ and Python tests read the same data;
#  - under PARITY_ENABLE_ASAN, libasan and libstdc++ preloaded: the interpreter itself is not instrumented, and
#    ASan's runtime must be loaded first. Leak detection is off because CPython never frees
#    some of its own allocations; SIGSEGV is left alone (handle_segv=0), because the tests of crashing
#    adapters check that a worker dies of it, where ASan's handler would report it and exit 1.

set(PARITY_PYTHON_TEST_ENVIRONMENT
    "PYTHONPATH=${PARITY_PYTHON_MODULE_DIR}"
    "PARITY_BUILD_DIR=${CMAKE_BINARY_DIR}"
    "PARITY_SHARED_DATA=${PARITY_SHARED_DATA_PATH}")

if(PARITY_ENABLE_ASAN)
    # libstdc++ too: with only libasan preloaded, the first C++ exception thrown into Python aborts
    # ("CHECK failed: real___cxa_throw"), because ASan must intercept __cxa_throw from the start.
    foreach(_parity_runtime libasan.so libstdc++.so)
        execute_process(
            COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${_parity_runtime}
            OUTPUT_VARIABLE _parity_path
            OUTPUT_STRIP_TRAILING_WHITESPACE
            COMMAND_ERROR_IS_FATAL ANY)
        list(APPEND _parity_preload "${_parity_path}")
    endforeach()
    list(JOIN _parity_preload ":" _parity_preload)
    # Also for C++ tests that execute the interpreter (harness/workers/tests).
    set(PARITY_ASAN_PRELOAD "LD_PRELOAD=${_parity_preload}")
    set(PARITY_ASAN_PRELOAD_MODIFICATION "LD_PRELOAD=set:${_parity_preload}")
    list(APPEND PARITY_PYTHON_TEST_ENVIRONMENT
        "${PARITY_ASAN_PRELOAD}"
        "ASAN_OPTIONS=detect_leaks=0:handle_segv=0")
endif()

function(parity_add_python_test name)
    add_test(NAME ${name} COMMAND ${Python3_EXECUTABLE} ${ARGN})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${PARITY_PYTHON_TEST_ENVIRONMENT}")
endfunction()

# The Python suite (python/pytest.ini holds its options). Any non-zero exit fails, including pytest's
# 5 for "collected no test": an empty suite is a broken suite.
parity_add_python_test(pytest -m pytest -q -p no:cacheprovider)
set_tests_properties(pytest PROPERTIES WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}/python")
