#include <catch2/catch.hpp>

#include <sstream>

#include "parity/reports/markdown_report.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

namespace {

/// Cell separators in a Markdown table row: pipes not escaped with a backslash.
std::size_t unescaped_pipes(const std::string& line) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
        } else if (line[i] == '|') {
            ++n;
        }
    }
    return n;
}

/// Every table row has as many cells as its table's header.
void check_tables_are_rectangular(const std::string& markdown) {
    std::istringstream lines(markdown);
    std::string line;
    std::size_t header_pipes = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line.front() != '|') {
            header_pipes = 0;
            continue;
        }
        if (header_pipes == 0)
            header_pipes = unescaped_pipes(line);
        INFO(line);
        CHECK(unescaped_pipes(line) == header_pipes);
    }
}

}  // namespace

TEST_CASE("report.md of a matching run", "[markdown]") {
    const std::string md = render_markdown(load_fixture("matching"));
    INFO(md);
    CHECK(md.rfind("### ✅ 4/4 requests match", 0) == 0);
    CHECK(md.find("| reference | 4.00 ms (3.50 ms–4.50 ms) |") != std::string::npos);
    CHECK(md.find("| **speedup** | 32.0× (28.1×–34.0×) |") != std::string::npos);
    CHECK(md.find("Significance p = 0.062 (wilcoxon signed-rank, n = 4).") != std::string::npos);
    CHECK(md.find("> ⚠️ load average 3.1") != std::string::npos);
    CHECK(md.find("<details><summary>Environment</summary>") != std::string::npos);
    CHECK(md.find("| cpu\\_model | Test CPU \\@ 2.60GHz |") != std::string::npos);
    CHECK(md.find("Differing fields") == std::string::npos);
    check_tables_are_rectangular(md);
}

TEST_CASE("report.md of a mismatching run with a gate verdict", "[markdown]") {
    const std::string md = render_markdown(load_fixture("mismatching"));
    INFO(md);
    CHECK(md.rfind("### ❌ NO-GO: 5 of 6 requests fail: 3 differ, 1 crashed, 1 timed out", 0) == 0);
    CHECK(md.find("| ❌ | max\\_mismatch\\_rate | 0 | 0.75 |") != std::string::npos);
    CHECK(md.find("| ✅ | min\\_speedup\\_p50 | 2 | 5.1 (4–6.2) |") != std::string::npos);
    CHECK(md.find("| /\\*/score | 3 | 75% | value 5 | m1 /1/score: 0.9930555555555557 → 0.9931 |") !=
          std::string::npos);
    CHECK(md.find("m2 /0/debug\\_rank: (absent) → 1") != std::string::npos);
    CHECK(md.find("- **crash** m5 (candidate): killed by SIGSEGV") != std::string::npos);
    CHECK(md.find("- **timeout** m6 (candidate)") != std::string::npos);
    // Latency from results.jsonl: the crashed and timed-out candidate paths are not timed.
    CHECK(md.find("| candidate | 1.75 ms | 2.42 ms | 2.48 ms | 2.50 ms | 4 |") != std::string::npos);
    check_tables_are_rectangular(md);
}

TEST_CASE("report.md without latency, environment or results", "[markdown]") {
    const std::string md = render_markdown(load_fixture("minimal"));
    INFO(md);
    CHECK(md.rfind("### ✅ 2/2 requests match", 0) == 0);
    CHECK(md.find("Not measured.") != std::string::npos);
    CHECK(md.find("| machine | not measured |") != std::string::npos);
}

TEST_CASE("report.md keeps hostile strings inert and short", "[markdown]") {
    ReportInputs inputs = load_fixture("hostile");
    inputs.report.fields.at(0).examples.at(0).reference = std::string(100000, 'x');
    const std::string md = render_markdown(inputs);
    INFO(md);
    CHECK(md.find("<script") == std::string::npos);
    CHECK(md.find("<img") == std::string::npos);
    CHECK(md.find("</details> ") == std::string::npos);
    CHECK(md.find("&lt;script&gt;") != std::string::npos);
    CHECK(md.find("| &lt;kind&gt; 1 |") != std::string::npos);  // keys from the data are escaped too
    check_tables_are_rectangular(md);
    std::istringstream lines(md);
    std::string line;
    while (std::getline(lines, line))
        CHECK(line.size() < 1000);
}

TEST_CASE("write_markdown writes report.md into the folder", "[markdown]") {
    const auto dir = copy_fixture("matching");
    write_markdown(dir);
    CHECK(read_text(dir / "report.md") == render_markdown(load_report_inputs(dir)));
}

TEST_CASE("report.md says when report.json is incomplete", "[markdown]") {
    const std::string partial = render_markdown(load_fixture("minimal"));
    INFO(partial);
    CHECK(partial.find("> ⚠️ incomplete input, ") != std::string::npos);
    CHECK(partial.find("report.json: tool: missing") != std::string::npos);
    CHECK(render_markdown(load_fixture("matching")).find("incomplete input") == std::string::npos);
}

TEST_CASE("report.md names every problem of an incomplete corpus under the headline", "[markdown]") {
    ReportInputs inputs = load_fixture("matching");
    CHECK(render_markdown(inputs).find("Corpus incomplete") == std::string::npos);
    inputs.report.corpus.complete = false;
    inputs.report.corpus.problems = {"requests.000007.jsonl: segment listed in manifest.json is missing",
                                     "manifest.json: count is 100000, but the segments hold 5 request lines"};
    const std::string markdown = render_markdown(inputs);
    CHECK(markdown.find("### ⚠️ ") != std::string::npos);  // all match, yet not a pass
    CHECK(markdown.find(", corpus incomplete\n") != std::string::npos);
    CHECK(markdown.find("> ⚠️ **Corpus incomplete**") != std::string::npos);
    CHECK(markdown.find("> - requests.000007.jsonl: segment listed in manifest.json is missing\n") !=
          std::string::npos);
    CHECK(markdown.find("> - manifest.json: count is 100000, but the segments hold 5 request lines\n") !=
          std::string::npos);
}

TEST_CASE("report.md shows reference drift from the recorded outputs", "[markdown][drift]") {
    const std::string md = render_markdown(load_fixture("drifting"));
    INFO(md);
    // Both paths agree, yet the reference no longer gives the recorded answers: never a pass.
    CHECK(md.rfind("### ❌ 4/4 requests match; the reference drifted from the recording on 4 of 4", 0) == 0);
    CHECK(md.find("#### Recorded outputs") != std::string::npos);
    CHECK(md.find("❌ Reference drift: 4 of 4 requests") != std::string::npos);
    CHECK(md.find("| (root) | 4 | 100% | error\\_vs\\_value 4 | job1-batch000001 (root): ") !=
          std::string::npos);
    CHECK(md.find("- redacted `email` (hash): a bare field name (legacy manifest)") != std::string::npos);
    check_tables_are_rectangular(md);
    CHECK(render_markdown(load_fixture("matching")).find("Recorded outputs") == std::string::npos);
}
