# Findutf8proc
#
# Debian's libutf8proc-dev ships a pkg-config file but no CMake package, so this finds it
# through pkg-config when available, else by looking for the header and library directly.
#
# Result: the imported target utf8proc::utf8proc, and utf8proc_FOUND / utf8proc_VERSION.

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
    pkg_check_modules(PC_UTF8PROC QUIET libutf8proc)
endif()

find_path(utf8proc_INCLUDE_DIR NAMES utf8proc.h HINTS ${PC_UTF8PROC_INCLUDE_DIRS})
find_library(utf8proc_LIBRARY NAMES utf8proc HINTS ${PC_UTF8PROC_LIBRARY_DIRS})

# The header is the truth: Debian's .pc file for 2.8.0 still says 2.6.0.
if(utf8proc_INCLUDE_DIR AND EXISTS "${utf8proc_INCLUDE_DIR}/utf8proc.h")
    file(STRINGS "${utf8proc_INCLUDE_DIR}/utf8proc.h" _utf8proc_version_lines
         REGEX "^#define UTF8PROC_VERSION_(MAJOR|MINOR|PATCH) ")
    foreach(_part IN ITEMS MAJOR MINOR PATCH)
        string(REGEX REPLACE ".*UTF8PROC_VERSION_${_part} ([0-9]+).*" "\\1" _utf8proc_${_part}
               "${_utf8proc_version_lines}")
    endforeach()
    set(utf8proc_VERSION "${_utf8proc_MAJOR}.${_utf8proc_MINOR}.${_utf8proc_PATCH}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(utf8proc
    REQUIRED_VARS utf8proc_LIBRARY utf8proc_INCLUDE_DIR
    VERSION_VAR utf8proc_VERSION)

if(utf8proc_FOUND AND NOT TARGET utf8proc::utf8proc)
    add_library(utf8proc::utf8proc UNKNOWN IMPORTED)
    set_target_properties(utf8proc::utf8proc PROPERTIES
        IMPORTED_LOCATION "${utf8proc_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${utf8proc_INCLUDE_DIR}")
endif()

mark_as_advanced(utf8proc_INCLUDE_DIR utf8proc_LIBRARY)
