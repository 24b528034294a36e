# Python-side ctest registration.
#
# parity_add_python_test(<name> <args>...) runs Debian's interpreter (Python3_EXECUTABLE, pinned
# by the presets) with the environment every Python test needs:
#  - PYTHONPATH=<build>/python, where the _native module is built;
#  - PARITY_BUILD_DIR=<build>, so tests can find other built artifacts (the parity CLI, ...);
#  - PARITY_SHARED_DATA=<PARITY_SHARED_DATA_DIR>, so C++ and Python tests read the same data;
#  - under PARITY_ENABLE_ASAN, libasan preloaded: the interpreter itself is not instrumented, and
#    ASan's runtime must be loaded first. Leak detection is off because CPython never frees
#    some of its own allocations.

set(PARITY_PYTHON_TEST_ENVIRONMENT
    "PYTHONPATH=${PARITY_PYTHON_MODULE_DIR}"
    "PARITY_BUILD_DIR=${CMAKE_BINARY_DIR}"
    "PARITY_SHARED_DATA=${PARITY_SHARED_DATA_PATH}")

if(PARITY_ENABLE_ASAN)
    execute_process(
        COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
        OUTPUT_VARIABLE _parity_libasan
        OUTPUT_STRIP_TRAILING_WHITESPACE
        COMMAND_ERROR_IS_FATAL ANY)
    list(APPEND PARITY_PYTHON_TEST_ENVIRONMENT
        "LD_PRELOAD=${_parity_libasan}"
        "ASAN_OPTIONS=detect_leaks=0")
endif()

function(parity_add_python_test name)
    add_test(NAME ${name} COMMAND ${Python3_EXECUTABLE} ${ARGN})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${PARITY_PYTHON_TEST_ENVIRONMENT}")
endfunction()

# The Python suite (python/pytest.ini holds its options). Any non-zero exit fails, including pytest's
# 5 for "collected no test": an empty suite is a broken suite.
parity_add_python_test(pytest -m pytest -q -p no:cacheprovider)
set_tests_properties(pytest PROPERTIES WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}/python")
