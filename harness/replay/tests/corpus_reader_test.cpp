#include <catch2/catch.hpp>

#include "parity/replay/corpus_reader.hpp"
#include "temporary_corpus.hpp"

using parity::replay::CorpusEntry;
using parity::replay::CorpusLineError;
using parity::replay::CorpusReader;
using parity::replay::CorpusRequest;
using parity::replay::FixtureCatalog;
using parity::replay::Manifest;
using parity::replay::testing::TemporaryCorpus;

namespace {

const std::string fixture_a = "sha256-" + std::string(64, 'a');

std::vector<CorpusEntry> read_all(const TemporaryCorpus& corpus) {
    FixtureCatalog catalog = FixtureCatalog::scan(corpus.path());
    CorpusReader reader(corpus.path(), Manifest::load(corpus.path()), std::move(catalog));
    std::vector<CorpusEntry> entries;
    while (auto entry = reader.next()) entries.push_back(std::move(*entry));
    return entries;
}

/// The single bad line's message, after one good request before and after it (so reading went on).
std::string error_between_good_lines(const std::string& bad_line) {
    TemporaryCorpus corpus;
    corpus.write_manifest();
    corpus.write("requests.jsonl", TemporaryCorpus::request("a") + bad_line + TemporaryCorpus::request("c"));
    const auto entries = read_all(corpus);
    INFO("bad line: " << bad_line);
    REQUIRE(entries.size() == 3);
    REQUIRE(std::get<CorpusRequest>(entries[0]).id == "a");
    REQUIRE(std::get<CorpusRequest>(entries[2]).id == "c");
    const auto& error = std::get<CorpusLineError>(entries[1]);
    CHECK(error.file == "requests.jsonl");
    CHECK(error.line == 2);
    return error.message;
}

}  // namespace

TEST_CASE("valid requests keep their raw line, fixtures and position") {
    TemporaryCorpus corpus;
    corpus.write_manifest();
    corpus.write("fixtures/" + fixture_a + ".json", "{}");
    corpus.write("requests.jsonl", TemporaryCorpus::request("a", "[\"" + fixture_a + "\"]") + "\n   \n" +
                                       TemporaryCorpus::request("b"));
    const auto entries = read_all(corpus);
    REQUIRE(entries.size() == 2);  // the blank lines are skipped
    const auto& first = std::get<CorpusRequest>(entries[0]);
    CHECK(first.id == "a");
    CHECK(first.fixtures == std::vector<std::string>{fixture_a});
    CHECK(first.line + "\n" == TemporaryCorpus::request("a", "[\"" + fixture_a + "\"]"));
    CHECK(std::get<CorpusRequest>(entries[1]).line_number == 4);
}

TEST_CASE("each kind of bad line is reported with file and line, and reading goes on") {
    CHECK_THAT(error_between_good_lines("{\"id\": \n"), Catch::StartsWith("malformed JSON: parse error at line 1"));
    CHECK(error_between_good_lines("[1, 2]\n") == "request must be a JSON object, got list");
    CHECK(error_between_good_lines("{\"id\":\"x\"}\n") ==
          "missing required field(s): ts, kernel, fixtures, input, duration_ns, service_version");
    CHECK(error_between_good_lines("\xff\xfe{}\n") == "invalid UTF-8 at byte 0: invalid start byte");
    CHECK(error_between_good_lines("{\"a\":\"\xc3\x28\"}\n") == "invalid UTF-8 at byte 6: invalid continuation byte");
    CHECK(error_between_good_lines("{\"a\":\"\xed\xa0\x80\"}\n") ==  // an encoded surrogate
          "invalid UTF-8 at byte 6: invalid continuation byte");

    std::string other_kernel = TemporaryCorpus::request("b");
    other_kernel.replace(other_kernel.find("\"kernel\":\"k\""), 12, "\"kernel\":\"z\"");
    CHECK(error_between_good_lines(other_kernel) == "kernel \"z\" does not match the manifest's \"k\"");

    std::string both = TemporaryCorpus::request("b");
    both.insert(both.size() - 2, ",\"error\":{\"type\":\"E\",\"message\":\"m\"}");
    CHECK(error_between_good_lines(both) == "request must have exactly one of 'output' and 'error'");

    std::string bad_ts = TemporaryCorpus::request("b");
    bad_ts.replace(bad_ts.find("2026-01-02T"), 11, "yesterday, ");
    CHECK_THAT(error_between_good_lines(bad_ts), Catch::StartsWith("field 'ts' is not an ISO-8601 timestamp"));

    std::string negative = TemporaryCorpus::request("b");
    negative.replace(negative.find("\"duration_ns\":10"), 16, "\"duration_ns\":-1");
    CHECK(error_between_good_lines(negative) == "field 'duration_ns' must be a non-negative integer, got -1");

    CHECK(error_between_good_lines(TemporaryCorpus::request("b", "[\"sha256-" + std::string(64, 'b') + "\"]")) ==
          "unknown fixture id(s): sha256-" + std::string(64, 'b'));
    CHECK(error_between_good_lines(TemporaryCorpus::request("")) == "field 'id' must not be empty");
    CHECK(error_between_good_lines("{\"id\":1,\"ts\":\"\",\"kernel\":\"k\",\"fixtures\":[],\"input\":1,\"output\":1,"
                                   "\"duration_ns\":1,\"service_version\":\"s\"}\n") ==
          "field 'id' must be a string");
    CHECK(error_between_good_lines("{\"id\":\"x\",\"ts\":\"2026-01-01\",\"kernel\":\"k\",\"fixtures\":[],"
                                   "\"input\":NaN,\"output\":1,\"duration_ns\":1,\"service_version\":\"s\"}\n")
              .starts_with("malformed JSON"));
}

TEST_CASE("a truncated last line is named as such") {
    TemporaryCorpus corpus;
    corpus.write_manifest();
    const std::string whole = TemporaryCorpus::request("b");
    corpus.write("requests.jsonl", TemporaryCorpus::request("a") + whole.substr(0, whole.size() / 2));
    const auto entries = read_all(corpus);
    REQUIRE(entries.size() == 2);
    const auto& error = std::get<CorpusLineError>(entries[1]);
    CHECK(error.to_string().starts_with("requests.jsonl:2: truncated last line (no newline at end of file)"));
}

TEST_CASE("a fixture that failed to load makes its requests unusable, with the reason") {
    TemporaryCorpus corpus;
    corpus.write_manifest();
    corpus.write("fixtures/" + fixture_a + ".json", "{broken");
    corpus.write("requests.jsonl", TemporaryCorpus::request("a", "[\"" + fixture_a + "\"]"));
    FixtureCatalog catalog = FixtureCatalog::scan(corpus.path());
    REQUIRE(catalog.usable.contains(fixture_a));
    catalog.mark_unusable(fixture_a, "malformed JSON");
    CorpusReader reader(corpus.path(), Manifest::load(corpus.path()), std::move(catalog));
    const auto entry = reader.next();
    REQUIRE(entry);
    CHECK(std::get<CorpusLineError>(*entry).message == "unusable fixture(s): " + fixture_a + " (malformed JSON)");
}

TEST_CASE(
    "a missing old segment is a corpus problem and not a skipped line, a missing current one is neither") {
    TemporaryCorpus corpus;
    corpus.write_manifest({"requests.000001.jsonl", "requests.000002.jsonl", "requests.jsonl"}, 1);
    corpus.write("requests.000002.jsonl", TemporaryCorpus::request("second"));
    CorpusReader reader(corpus.path(), Manifest::load(corpus.path()), FixtureCatalog::scan(corpus.path()));
    std::vector<CorpusEntry> entries;
    while (auto entry = reader.next())
        entries.push_back(std::move(*entry));
    REQUIRE(entries.size() == 1);
    CHECK(std::get<CorpusRequest>(entries[0]).id == "second");
    CHECK(reader.problems() ==
          std::vector<std::string>{"requests.000001.jsonl: segment listed in manifest.json is missing"});
    CHECK(parity::replay::unreadable_segments(corpus.path(), Manifest::load(corpus.path())) ==
          reader.problems());
}

TEST_CASE("a manifest count other than the lines read is a problem, once the reading is over") {
    for (const std::uint64_t count : {std::uint64_t{100'000}, std::uint64_t{0}}) {
        TemporaryCorpus corpus;
        corpus.write_manifest({"requests.jsonl"}, count);
        corpus.write("requests.jsonl",
                     TemporaryCorpus::request("a") + "{\"id\": \n\n" + TemporaryCorpus::request("c"));
        CorpusReader reader(corpus.path(), Manifest::load(corpus.path()),
                            FixtureCatalog::scan(corpus.path()));
        REQUIRE(reader.next());
        CHECK(reader.problems().empty());  // not known before the end
        while (reader.next()) {
        }
        INFO("count " << count);
        CHECK(reader.tally().lines() == 3);  // the bad line counts, the blank one does not
        CHECK(reader.problems() ==
              std::vector<std::string>{"manifest.json: count is " + std::to_string(count) +
                                       ", but the segments hold 3 request lines"});
    }
}

TEST_CASE("a request id used twice is a problem naming both places, and both requests are read") {
    TemporaryCorpus corpus;
    corpus.write_manifest({"requests.000001.jsonl", "requests.jsonl"}, 4);
    corpus.write("requests.000001.jsonl",
                 TemporaryCorpus::request("job1-batch000001") + TemporaryCorpus::request("job1-batch000002"));
    corpus.write("requests.jsonl",
                 TemporaryCorpus::request("job1-batch000001") + TemporaryCorpus::request("other"));
    const auto entries = read_all(corpus);
    REQUIRE(entries.size() == 4);
    CHECK(std::get<CorpusRequest>(entries[2]).id == "job1-batch000001");
    CHECK(std::get<CorpusRequest>(entries[2]).place() == "requests.jsonl:1");

    CorpusReader reader(corpus.path(), Manifest::load(corpus.path()), FixtureCatalog::scan(corpus.path()));
    while (reader.next()) {
    }
    CHECK(reader.tally().duplicates() == 1);
    CHECK(reader.problems() ==
          std::vector<std::string>{"requests.jsonl:1: request id \"job1-batch000001\" already used at "
                                   "requests.000001.jsonl:1"});
}

TEST_CASE("many duplicate ids are listed up to a point, then counted") {
    parity::replay::CorpusTally tally;
    for (int copy = 0; copy < 2; ++copy) {
        for (int i = 0; i < 25; ++i)
            tally.add_request("id" + std::to_string(i), "requests.jsonl", copy * 25 + i + 1);
    }
    const auto problems = tally.problems(0, false);
    REQUIRE(problems.size() == 11);
    CHECK(problems[0] == "requests.jsonl:26: request id \"id0\" already used at requests.jsonl:1");
    CHECK(problems.back() == "15 more requests reuse an earlier request's id (25 in all)");
}

TEST_CASE("segment files the manifest does not list are named") {
    TemporaryCorpus corpus;
    corpus.write_manifest({"requests.jsonl"}, 1);
    corpus.write("requests.jsonl", TemporaryCorpus::request("a"));
    corpus.write("requests.000003.jsonl", TemporaryCorpus::request("b"));
    corpus.write("notes.jsonl", "");
    CHECK(
        parity::replay::unlisted_segments(corpus.path(), Manifest::load(corpus.path())) ==
        std::vector<std::string>{
            "requests.000003.jsonl: segment file not listed in manifest.json (its lines are not replayed)"});
}

TEST_CASE("utf8_problem accepts all valid encodings and rejects overlongs") {
    using parity::replay::utf8_problem;
    CHECK(utf8_problem("plain ascii").empty());
    CHECK(utf8_problem("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80").empty());  // é € 😀
    CHECK(utf8_problem("\xc0\xaf") == "invalid UTF-8 at byte 0: invalid start byte");
    CHECK(utf8_problem("\xe0\x80\xaf") == "invalid UTF-8 at byte 0: invalid continuation byte");
    CHECK(utf8_problem("ab\xe2\x82") == "invalid UTF-8 at byte 2: unexpected end of data");
    CHECK(utf8_problem("\xf4\x90\x80\x80") == "invalid UTF-8 at byte 0: invalid continuation byte");
}
