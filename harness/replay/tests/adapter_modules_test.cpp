#include <catch2/catch.hpp>

#include "parity/replay/adapter_modules.hpp"

using namespace parity::replay;

TEST_CASE("an adapter's module is what comes before the colon") {
    CHECK(adapter_module("importer.adapters:native") == "importer.adapters");
    CHECK(adapter_module("seeded_bugs:rounded_score.inner") == "seeded_bugs");
    CHECK(adapter_module("no_colon") == "no_colon");
}

TEST_CASE("module prefixes admit a package and its submodules, never a name that merely starts alike") {
    const std::vector<std::string> dotted{"importer."};
    CHECK(module_allowed("importer.adapters", dotted));
    CHECK_FALSE(module_allowed("importer", dotted));
    CHECK_FALSE(module_allowed("importer_evil", dotted));
    const std::vector<std::string> package{"importer", "seeded_bugs"};
    CHECK(module_allowed("importer", package));
    CHECK(module_allowed("importer.adapters", package));
    CHECK(module_allowed("seeded_bugs", package));
    CHECK_FALSE(module_allowed("importer_evil", package));
    CHECK_FALSE(module_allowed("os", package));
    CHECK(module_allowed("anything.at.all", {}));  // no --allow-modules: every module
}

TEST_CASE("a refused adapter is named with where it came from and the prefixes") {
    CHECK_NOTHROW(
        check_adapter_allowed("reference", "importer.adapters:reference", "manifest.json", {"importer."}));
    CHECK_THROWS_WITH(
        check_adapter_allowed("candidate", "evil:adapter", "manifest.json", {"importer.", "seeded_bugs"}),
        "candidate adapter evil:adapter (from manifest.json) is in module evil, outside "
        "--allow-modules importer., seeded_bugs: refused, nothing was imported");
}
