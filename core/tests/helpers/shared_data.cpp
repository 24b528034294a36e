#include "helpers/shared_data.hpp"

#include <catch2/catch.hpp>

#include "helpers/csv.hpp"

namespace parity::test {

std::filesystem::path shared_data_dir() {
    return PARITY_SHARED_DATA_DIR;
}

std::vector<MetricVector> load_metric_vectors(std::string_view file_name) {
    const std::filesystem::path path = shared_data_dir() / "string-metric-vectors" / file_name;
    if (!std::filesystem::is_regular_file(path)) {
        FAIL("public test data not found: "
             << path.string()
             << "\ndata/public/ is part of the repository; a build configured with "
                "-DPARITY_SHARED_DATA_DIR=<folder> or PARITY_SHARED_DATA must name a folder like it");
    }

    std::vector<MetricVector> vectors;
    for (auto& row : read_csv_file(path)) {
        const std::string source = std::string(file_name) + ":" + std::to_string(row.line);
        INFO(source);
        REQUIRE(row.fields.size() >= 3);
        vectors.push_back(
            {source, std::move(row.fields[0]), std::move(row.fields[1]), std::move(row.fields[2])});
    }
    REQUIRE_FALSE(vectors.empty());
    return vectors;
}

}  // namespace parity::test
