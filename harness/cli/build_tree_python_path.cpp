#include "build_tree_python_path.hpp"

namespace parity::cli {

std::vector<std::filesystem::path> build_tree_python_path() {
    std::vector<std::filesystem::path> path;
    for (const char* folder : {PARITY_SOURCE_PYTHON_DIR, PARITY_BUILD_PYTHON_DIR}) {
        if (std::filesystem::is_directory(folder)) path.emplace_back(folder);
    }
    return path;
}

}  // namespace parity::cli
