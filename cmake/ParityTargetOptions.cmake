# parity_target_options(<target>)
#
# Compile and link options for Parity's own targets (never for third-party code, which is why
# this is not done with add_compile_options):
#  - warnings, as errors unless PARITY_WARNINGS_AS_ERRORS is OFF;
#  - -ffp-contract=off: the metrics must be bit-identical to the Python reference, so the
#    compiler may not fuse a*b+c into an FMA. Never -ffast-math, for the same reason;
#  - AddressSanitizer and UBSan when PARITY_ENABLE_ASAN is ON;
#  - libFuzzer's coverage instrumentation when PARITY_BUILD_FUZZERS is ON, so the fuzz targets see
#    which branches of the libraries an input reached (the targets add -fsanitize=fuzzer at link).
function(parity_target_options target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -ffp-contract=off)
    if(PARITY_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
        # GCC 12 at -O3 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string&&`
        # (GCC bug 105329): kept as a warning, not an error.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
            target_compile_options(${target} PRIVATE -Wno-error=restrict)
        endif()
    endif()

    if(PARITY_ENABLE_ASAN)
        set(sanitizers -fsanitize=address,undefined -fno-sanitize-recover=undefined)
        target_compile_options(${target} PRIVATE ${sanitizers} -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE ${sanitizers})
    endif()
    if(PARITY_BUILD_FUZZERS)
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
endfunction()
