# parity_catch_discover_tests(<target> [catch_discover_tests options...])
#
# catch_discover_tests (Catch2 2.13's Catch.cmake), with two guards against tests that pass without
# running anything:
#  - a test case whose name holds ';' is refused: CMake splits the name at it into two ctest tests,
#    neither of which matches the Catch2 test case, so both "pass" having run nothing;
#  - every discovered test runs with `--warn NoTests`: a name that matches no test case fails (exit 2)
#    instead of passing.
function(parity_catch_discover_tests target)
    get_target_property(_sources ${target} SOURCES)
    get_target_property(_source_dir ${target} SOURCE_DIR)
    foreach(_source IN LISTS _sources)
        if(NOT IS_ABSOLUTE "${_source}")
            set(_source "${_source_dir}/${_source}")
        endif()
        if(_source MATCHES "\\.cpp$" AND EXISTS "${_source}")
            file(STRINGS "${_source}" _bad REGEX "TEST_CASE\\(\"[^\"]*;")
            if(_bad)
                message(FATAL_ERROR "${_source}: a Catch2 test name holds ';', which ctest cannot run: ${_bad}")
            endif()
        endif()
    endforeach()
    catch_discover_tests(${target} ${ARGN} EXTRA_ARGS --warn NoTests)
endfunction()
