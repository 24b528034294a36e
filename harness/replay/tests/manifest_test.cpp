#include <catch2/catch.hpp>

#include "parity/replay/manifest.hpp"
#include "temporary_corpus.hpp"

using parity::replay::CorpusFormatError;
using parity::replay::Manifest;

namespace {

std::string problem_with(const nlohmann::json& document) {
    try {
        Manifest::from_json(document);
    } catch (const CorpusFormatError& error) {
        return error.what();
    }
    return "(accepted)";
}

nlohmann::json valid() {
    return {{"format", "parity.corpus"}, {"format_version", 1}, {"kernel", "k"}, {"reference", "m:r"},
            {"candidate", "m:c"}};
}

}  // namespace

TEST_CASE("a valid manifest decodes, with defaults for optional fields") {
    const Manifest manifest = Manifest::from_json(valid());
    CHECK(manifest.kernel == "k");
    CHECK(manifest.segments == std::vector<std::string>{"requests.jsonl"});
    CHECK(manifest.count == 0);
}

TEST_CASE("an unusable manifest names the offending field") {
    auto document = valid();
    document["format"] = "other";
    CHECK(problem_with(document) == "manifest format is \"other\", expected \"parity.corpus\"");
    document = valid();
    document["format_version"] = 2;
    CHECK(problem_with(document) == "unsupported format_version 2");
    document = valid();
    document["reference"] = "";
    CHECK(problem_with(document) == "manifest field 'reference' must be a non-empty string");
    document = valid();
    document["segments"] = {"../../etc/passwd"};
    CHECK_THAT(problem_with(document), Catch::StartsWith("manifest segments must be requests[.NNNNNN].jsonl names"));
    document = valid();
    document["count"] = -3;
    CHECK(problem_with(document) == "manifest field 'count' must be a non-negative integer: -3");
    CHECK(problem_with(nlohmann::json::array()) == "manifest is not a JSON object");
}

TEST_CASE("loading names the file and the folder") {
    parity::replay::testing::TemporaryCorpus corpus;
    corpus.write("manifest.json", "{not json");
    CHECK_THROWS_WITH(Manifest::load(corpus.path()), Catch::Contains("manifest.json: cannot read manifest"));
    CHECK_THROWS_WITH(Manifest::load(corpus.path() / "nope"), Catch::EndsWith("not a corpus folder (no such directory)"));
}

TEST_CASE("a manifest number out of range or a key given twice is a format error naming the key") {
    parity::replay::testing::TemporaryCorpus corpus;
    corpus.write("manifest.json", R"({"format": "parity.corpus", "count": 1e999})");
    CHECK_THROWS_WITH(Manifest::load(corpus.path()),
                      Catch::Contains("manifest.json: cannot read manifest: count: number out of range"));
    corpus.write("manifest.json", R"({"format": "parity.corpus", "count": 1, "count": 2})");
    CHECK_THROWS_WITH(Manifest::load(corpus.path()),
                      Catch::Contains("manifest.json: cannot read manifest: count: key given twice"));
}
