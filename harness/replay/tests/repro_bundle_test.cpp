#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>

#include "parity/replay/repro_bundle.hpp"

using namespace parity::replay;

TEST_CASE("bundle folder names are safe for any request id") {
    CHECK(bundle_folder_name("job1-batch000001") == "job1-batch000001");
    CHECK(bundle_folder_name("../../etc/passwd") == ".._.._etc_passwd");
    CHECK(bundle_folder_name("..") == "_..");
    CHECK(bundle_folder_name("") == "_");
    CHECK(bundle_folder_name("naïve id") == "na__ve_id");
}

TEST_CASE("shell quoting survives quotes and spaces") {
    CHECK(shell_quote("importer.adapters:native") == "importer.adapters:native");
    CHECK(shell_quote("it's here") == "'it'\\''s here'");
    CHECK(shell_quote("") == "''");
}

TEST_CASE("json_safe tags the floats JSON cannot hold, everywhere") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const nlohmann::json value = {{"a", nan}, {"b", {1.5, -inf}}};
    CHECK(json_safe(value) == nlohmann::json::parse(R"({"a":{"$float":"nan"},"b":[1.5,{"$float":"-inf"}]})"));
}

TEST_CASE("two requests with one id get a bundle each, the second named by its place") {
    const std::filesystem::path report =
        std::filesystem::temp_directory_path() / ("parity-bundles-" + std::to_string(std::random_device{}()));
    ReproContent first{
        "job1-batch000001",       "{\"id\":\"job1-batch000001\"}", {}, {{"output", 1}}, {{"output", 2}}, {},
        "requests.000001.jsonl:1"};
    ReproContent second = first;
    second.place = "requests.jsonl:1";
    CHECK(write_repro_bundle(report, first, "cmd") == "repro/job1-batch000001");
    CHECK(write_repro_bundle(report, second, "cmd") == "repro/job1-batch000001.requests.jsonl.1");
    CHECK(write_repro_bundle(report, second, "cmd") == "repro/job1-batch000001~2");  // never overwritten
    std::ifstream readme(report / "repro/job1-batch000001.requests.jsonl.1/README.txt");
    std::string first_line;
    std::getline(readme, first_line);
    CHECK(first_line == "Request job1-batch000001 (corpus line requests.jsonl:1)");
    std::filesystem::remove_all(report);
}
