# Profile-guided optimisation (PGO) of the native core and the _native module, with GCC.
#
# With PARITY_PGO on (the release-pgo preset), parity_core and parity_native are compiled twice:
#  1. a training build: this same project configured in <build>/pgo/training-build with
#     PARITY_PGO_GENERATE=<build>/pgo/profile, which instruments the two targets (-fprofile-generate);
#     cmake/pgo_training.py then runs the import service on its own kind of workload with that
#     module, and every process that loaded it writes its counts to the profile folder;
#  2. the real build, guided by those counts (-fprofile-use): which branches are taken, what to inline,
#     which code is hot and laid out together, which is cold and moved aside. Code the training never ran
#     is compiled as it would be without a profile (-fprofile-partial-training), so a function the
#     service does not call today (a similarity metric on its own, a blocked fallback for long text) is
#     not optimised for size because of it.
# The training is redone, and both targets recompiled, whenever a file of core/ or bindings/ or the
# training script changes. Results are unchanged by construction (the same -O level and floating-point
# rules; every test runs against the guided build), only faster: bench/LOG.md has the measurements.
#
# GCC names an object's counts after the object's path; -fprofile-prefix-path makes that path relative to
# each build folder, so the training build's counts are found by the real build's same-named objects.

option(PARITY_PGO "Build parity_core and _native with GCC profile feedback (a training run first)" OFF)
set(PARITY_PGO_GENERATE "" CACHE PATH
    "Internal (the PGO training build): instrument parity_core and _native to write counts to this folder")

if(PARITY_PGO AND PARITY_PGO_GENERATE)
    message(FATAL_ERROR "PARITY_PGO and PARITY_PGO_GENERATE exclude each other")
endif()
if(PARITY_PGO AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(WARNING "PARITY_PGO needs GCC (${CMAKE_CXX_COMPILER_ID} found): built without profile feedback")
    set(PARITY_PGO OFF)
endif()
if(PARITY_PGO AND (PARITY_ENABLE_ASAN OR NOT PARITY_BUILD_PYTHON))
    message(STATUS "PARITY_PGO: off (sanitizers on, or no Python module to train)")
    set(PARITY_PGO OFF)
endif()

if(PARITY_PGO)
    set(_parity_pgo_dir "${CMAKE_BINARY_DIR}/pgo")
    set(PARITY_PGO_PROFILE_DIR "${_parity_pgo_dir}/profile")
    set(_parity_pgo_stamp "${_parity_pgo_dir}/profile.stamp")
    file(GLOB_RECURSE _parity_pgo_inputs CONFIGURE_DEPENDS
         "${PROJECT_SOURCE_DIR}/core/include/*" "${PROJECT_SOURCE_DIR}/core/src/*"
         "${PROJECT_SOURCE_DIR}/bindings/*.cpp" "${PROJECT_SOURCE_DIR}/bindings/*.hpp")
    set(_parity_pgo_training_build "${_parity_pgo_dir}/training-build")
    # The same compiler and flags as this build: counts only fit code compiled the same way.
    string(TOUPPER "${CMAKE_BUILD_TYPE}" _parity_pgo_config)
    add_custom_command(
        OUTPUT "${_parity_pgo_stamp}"
        COMMAND "${CMAKE_COMMAND}" -S "${PROJECT_SOURCE_DIR}" -B "${_parity_pgo_training_build}"
                -G "${CMAKE_GENERATOR}" "-DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}"
                "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
                "-DPython3_EXECUTABLE=${Python3_EXECUTABLE}" "-DPYTHON_EXECUTABLE=${Python3_EXECUTABLE}"
                "-DPARITY_PGO=OFF" "-DPARITY_PGO_GENERATE=${PARITY_PGO_PROFILE_DIR}"
                "-DPARITY_BUILD_TESTS=OFF" "-DPARITY_BUILD_BENCHMARKS=OFF"
                "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
                "-DCMAKE_CXX_FLAGS_${_parity_pgo_config}=${CMAKE_CXX_FLAGS_${_parity_pgo_config}}"
                "-DPARITY_WARNINGS_AS_ERRORS=${PARITY_WARNINGS_AS_ERRORS}"
        COMMAND "${CMAKE_COMMAND}" --build "${_parity_pgo_training_build}" --target parity_native
        COMMAND "${CMAKE_COMMAND}" -E rm -rf "${PARITY_PGO_PROFILE_DIR}"
        COMMAND "${Python3_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/cmake/pgo_training.py"
                "${_parity_pgo_training_build}/python" "${_parity_pgo_dir}/training-data"
                "${PARITY_PGO_PROFILE_DIR}"
        COMMAND "${CMAKE_COMMAND}" -E touch "${_parity_pgo_stamp}"
        DEPENDS ${_parity_pgo_inputs} "${PROJECT_SOURCE_DIR}/cmake/pgo_training.py"
        COMMENT "Profile-guided build: training the instrumented _native (cmake/pgo_training.py)"
        VERBATIM USES_TERMINAL)
    add_custom_target(parity_pgo_training DEPENDS "${_parity_pgo_stamp}")
endif()

# parity_profile_feedback(<target>): the PGO options for one of the two trained targets, parity_core or
# parity_native (no-op unless PARITY_PGO or PARITY_PGO_GENERATE). Compile and link options alike: the
# module is linked with -flto in release builds, and its link-time optimisation needs them too.
function(parity_profile_feedback target)
    if(PARITY_PGO_GENERATE)
        set(options "-fprofile-generate=${PARITY_PGO_GENERATE}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}"
                    -fprofile-update=prefer-atomic)
    elseif(PARITY_PGO)
        set(options "-fprofile-use=${PARITY_PGO_PROFILE_DIR}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}"
                    -fprofile-partial-training -Wno-missing-profile)
        add_dependencies(${target} parity_pgo_training)
        # New counts, new code: every object of the target is recompiled after a training run.
        get_target_property(sources ${target} SOURCES)
        set_property(SOURCE ${sources} TARGET_DIRECTORY ${target}
                     APPEND PROPERTY OBJECT_DEPENDS "${_parity_pgo_stamp}")
    else()
        return()
    endif()
    target_compile_options(${target} PRIVATE ${options})
    target_link_options(${target} PRIVATE ${options})
endfunction()
