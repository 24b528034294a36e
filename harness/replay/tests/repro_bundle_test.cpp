#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

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
