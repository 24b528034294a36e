# cmake -DCOMMAND=<program;args> -DEXPECTED_OUTPUT=<text> -P CheckCommandOutput.cmake
#
# For ctest: runs COMMAND and fails unless it exits 0 and prints exactly EXPECTED_OUTPUT (plus
# one trailing newline) on stdout. PASS_REGULAR_EXPRESSION alone would ignore the exit code.

execute_process(
    COMMAND ${COMMAND}
    RESULT_VARIABLE exit_code
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors)

if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "${COMMAND} exited with ${exit_code}\nstdout: ${output}\nstderr: ${errors}")
endif()
if(NOT output STREQUAL "${EXPECTED_OUTPUT}\n")
    message(FATAL_ERROR "${COMMAND} printed:\n${output}\nexpected:\n${EXPECTED_OUTPUT}")
endif()
