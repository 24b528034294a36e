# cmake -DNM=<nm> -DFILES=<binary;...> -DFORBIDDEN=<regex> -DEXPECTED=<regex> -P CheckNoSymbols.cmake
#
# For ctest: lists the symbols of each binary (an executable, a shared object or a static library)
# demangled with `nm -C`, and fails on every one that matches FORBIDDEN. A binary without a symbol
# table (a module stripped in a release build) is skipped with a note; so that the check cannot pass
# by reading nothing, the symbols of at least one binary must match EXPECTED.

foreach(variable NM FILES FORBIDDEN EXPECTED)
    if(NOT DEFINED ${variable} OR "${${variable}}" STREQUAL "")
        message(FATAL_ERROR "CheckNoSymbols.cmake: -D${variable}=... is required")
    endif()
endforeach()

set(read_any FALSE)
set(offenders "")
foreach(binary IN LISTS FILES)
    execute_process(
        COMMAND "${NM}" -C "${binary}"
        RESULT_VARIABLE exit_code
        OUTPUT_VARIABLE symbols
        ERROR_VARIABLE errors)
    if(NOT exit_code EQUAL 0)
        message(FATAL_ERROR "${NM} -C ${binary} exited with ${exit_code}: ${errors}")
    endif()
    if(symbols STREQUAL "")
        message(STATUS "${binary}: no symbol table (stripped), skipped: ${errors}")
        continue()
    endif()
    if(symbols MATCHES "${EXPECTED}")
        set(read_any TRUE)
    endif()
    string(REPLACE "\n" ";" lines "${symbols}")
    foreach(line IN LISTS lines)
        if(line MATCHES "${FORBIDDEN}")
            string(APPEND offenders "\n  ${binary}: ${line}")
        endif()
    endforeach()
endforeach()

if(NOT offenders STREQUAL "")
    message(FATAL_ERROR "symbols matching '${FORBIDDEN}' found:${offenders}")
endif()
if(NOT read_any)
    message(FATAL_ERROR "no symbol matching '${EXPECTED}' in ${FILES}: nothing was checked")
endif()
