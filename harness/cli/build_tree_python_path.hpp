#pragma once

#include <filesystem>
#include <vector>

namespace parity::cli {

/// Where a build tree's Python packages are (the source tree's python/ and the build's python/, with
/// importer._native and parity._diff), so `parity` run from its build finds `importer` and `parity`
/// without PYTHONPATH. Only the folders that exist: an installed parity has neither.
[[nodiscard]] std::vector<std::filesystem::path> build_tree_python_path();

}  // namespace parity::cli
