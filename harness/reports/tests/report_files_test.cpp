#include <catch2/catch.hpp>

#include "parity/reports/report_files.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

TEST_CASE("write_all writes the four report files", "[report_files]") {
    for (const char* name : {"matching", "mismatching", "minimal", "hostile"}) {
        const auto dir = copy_fixture(name);
        write_all(dir);
        for (const char* file : {"report.md", "report.html", "junit.xml", "benchmark.json"}) {
            INFO(name << "/" << file);
            CHECK(std::filesystem::file_size(dir / file) > 0);
        }
    }
}

TEST_CASE("write_all throws naming report.json when it is missing", "[report_files]") {
    const auto dir = std::filesystem::temp_directory_path() / "parity-reports-test-no-report";
    std::filesystem::create_directories(dir);
    std::filesystem::remove(dir / "report.json");
    CHECK_THROWS_WITH(write_all(dir), Catch::Contains("report.json"));
}
