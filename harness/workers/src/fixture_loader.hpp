#pragma once

#include <filesystem>
#include <vector>

#include <pybind11/pytypes.h>

#include "parity/workers/startup_problems.hpp"

namespace parity::workers {

/// The fixtures handed to the adapters' setup(), and the files left out.
struct LoadedFixtures {
    pybind11::dict fixtures;  // id -> decoded JSON
    std::vector<FixtureProblem> problems;
};

/// Loads every `sha256-<64 hex>.json` in `directory` (other files are ignored, as the corpus reader
/// does): the bytes' SHA-256 must equal the id, the bytes must be JSON. A missing directory has no
/// fixtures. Runs in a worker, with the GIL held.
[[nodiscard]] LoadedFixtures load_fixtures(const std::filesystem::path& directory);

}  // namespace parity::workers
