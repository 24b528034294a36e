#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace parity::test {

/// Tolerance of the public string-metric vectors: their authors compare floats to 3 decimals.
constexpr double metric_vector_margin = 0.0005;

/// One `a,b,expected` row of a file in data/public/string-metric-vectors/.
struct MetricVector {
    std::string source;  // "file.csv:line", for failure messages
    std::string a;
    std::string b;
    std::string expected;
};

/// The public test data folder: data/public, or where PARITY_SHARED_DATA_DIR (set by CMake) points.
[[nodiscard]] std::filesystem::path shared_data_dir();

/// Loads string-metric-vectors/<file_name>. FAILs the running test, naming the folder and the
/// CMake variable to set, when the file is missing: missing data must never pass silently.
[[nodiscard]] std::vector<MetricVector> load_metric_vectors(std::string_view file_name);

}  // namespace parity::test
