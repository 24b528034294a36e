#include <catch2/catch.hpp>

#include "parity/replay/corpus_digest.hpp"
#include "temporary_corpus.hpp"

using parity::replay::corpus_digest;
using parity::replay::Manifest;
using parity::replay::testing::TemporaryCorpus;

TEST_CASE("the corpus digest is FNV-1a 64 of the segments in manifest order", "[corpus_digest]") {
    TemporaryCorpus corpus;
    corpus.write_manifest({"requests.000001.jsonl", "requests.jsonl"});
    corpus.write("requests.000001.jsonl", TemporaryCorpus::request("a"));
    corpus.write("requests.jsonl", TemporaryCorpus::request("b"));
    const Manifest manifest = Manifest::load(corpus.path());
    const std::string digest = corpus_digest(corpus.path(), manifest);
    CHECK_THAT(digest, Catch::Matches("fnv1a64-[0-9a-f]{16}"));
    CHECK(corpus_digest(corpus.path(), manifest) == digest);  // a function of the content only

    SECTION("one byte changed changes it") {
        corpus.write("requests.jsonl", TemporaryCorpus::request("c"));
        CHECK(corpus_digest(corpus.path(), manifest) != digest);
    }
    SECTION("the same bytes moved from one segment to the next change it") {
        corpus.write("requests.000001.jsonl", TemporaryCorpus::request("a") + TemporaryCorpus::request("b"));
        corpus.write("requests.jsonl", "");
        CHECK(corpus_digest(corpus.path(), manifest) != digest);
    }
    SECTION("a missing segment changes it") {
        std::filesystem::remove(corpus.path() / "requests.000001.jsonl");
        CHECK(corpus_digest(corpus.path(), manifest) != digest);
    }
}

TEST_CASE("the corpus digest of nothing is FNV-1a's offset basis", "[corpus_digest]") {
    TemporaryCorpus corpus;
    corpus.write_manifest({});
    // The published FNV-1a 64 offset basis: a digest of no bytes at all.
    CHECK(corpus_digest(corpus.path(), Manifest::load(corpus.path())) == "fnv1a64-cbf29ce484222325");
}
