#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
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

TEST_CASE("report.md of a run with a baseline", "[markdown][baseline]") {
    const std::string md = render_markdown(load_fixture("baseline"));
    INFO(md);
    CHECK(md.rfind("### ⚠️ UNDECIDED: 4/4 requests match; 1 of 4 differ from the baseline\n", 0) == 0);
    CHECK(md.find(
              "importer.adapters:reference vs importer.adapters:native (baseline importer.adapters:live).") !=
          std::string::npos);
    CHECK(md.find(
              "| ⚠️ | max\\_slowdown\\_vs\\_baseline\\_p99 | 1.1 | 1.059 (0.9–1.42) |\n\n- "
              "max\\_slowdown\\_vs\\_baseline\\_p99: threshold 1.1 (10 % slower) is finer than this run can "
              "detect") != std::string::npos);
    // The latency table: the baseline's own row, then its ratio row under the speedup's.
    CHECK(
        md.find(
            "| candidate | 125 µs (110 µs–140 µs) | 190 µs (150 µs–200 µs) | 199 µs (150 µs–200 µs) | 200 µs "
            "| 4 |\n| baseline | 120 µs (105 µs–135 µs) | 180 µs (140 µs–189 µs) | 188 µs (140 µs–189 µs) | "
            "189 µs | 4 |\n| **speedup** |") != std::string::npos);
    CHECK(md.find(
              "| **candidate ÷ baseline** | 1.04× (0.98×–1.11×) | 1.06× (0.90×–1.31×) | 1.06× (0.90×–1.42×) "
              "| | |\n\n") != std::string::npos);
    CHECK(md.find("**above 1× the candidate is slower**. Per-request median 1.03× (0.99×–1.08×).") !=
          std::string::npos);
    CHECK(
        md.find("\nThis run could detect a slowdown of the candidate of 3.1% at p50, 7.9% at p95, 15% at p99 "
                "against the reference, and of 4.2% at p50, 11% at p95, 20% at p99 against the baseline (95% "
                "confidence, 95% power); a smaller one would go unseen.\n") != std::string::npos);
    // The baseline's section: its adapter and path, its counts, its fields with the two sides named.
    CHECK(md.find(
              "#### Baseline (the build that is live now)\n\n❌ Candidate vs baseline importer.adapters:live "
              "(python path /srv/importer-live/lib/python3.11/site-packages): 2 of 4 compared requests "
              "match, 1 differs; the baseline timed out on 1.\n") != std::string::npos);
    CHECK(
        md.find(
            "| field | requests | rate | kinds | example (baseline → candidate) |\n|---|---:|---:|---|---|\n"
            "| /\\*/score | 1 | 25% | value 2 | r2 /0/score: 0.97 → 0.9712 |\n") != std::string::npos);
    CHECK(md.find("Requests that differ from the baseline: r2, r4.") != std::string::npos);
    CHECK(md.find("| baseline memory | RSS growth 512.0 KiB over 4 timed runs, Python heap growth 0 B |") !=
          std::string::npos);
    check_tables_are_rectangular(md);
}

TEST_CASE("report.md names a baseline that could not be set up", "[markdown][baseline]") {
    ReportInputs inputs = load_fixture("baseline");
    auto& baseline = inputs.report.baseline.value();
    baseline.problems = {"ModuleNotFoundError: No module named 'importer_live' | <b>"};
    baseline.fields.clear();
    baseline.requests_with_differences.clear();
    baseline.summary = {4, 0, 0, 0, 0, 4};
    const std::string md = render_markdown(inputs);
    INFO(md);
    CHECK(md.find(
              ": 0 of 4 compared requests match, 0 differ; the baseline was unavailable for 4.\n\n> ⚠️ "
              "ModuleNotFoundError: No module named 'importer\\_live' \\| &lt;b&gt;\n") != std::string::npos);
    CHECK(md.find("example (baseline → candidate)") == std::string::npos);
    CHECK(md.find("Requests that differ from the baseline") == std::string::npos);
    CHECK(md.find("differ from the baseline\n") == std::string::npos);  // not in the headline
}

TEST_CASE("report.md draws the baseline from results.jsonl when the replay did not measure latency",
          "[markdown][baseline]") {
    ReportInputs inputs = load_fixture("baseline");
    inputs.report.latency.reset();
    const std::string md = render_markdown(inputs);
    INFO(md);
    // r4's baseline timed out: three baseline runs timed, four candidate runs.
    CHECK(md.find("| baseline | 120 µs | 120 µs | 120 µs | 120 µs | 3 |") != std::string::npos);
    CHECK(md.find("| **candidate ÷ baseline** | 1.04× | 1.57× | 1.65× | | |") != std::string::npos);
    CHECK(md.find("Per-request median 1.04×.") != std::string::npos);
    CHECK(md.find("This run could detect") == std::string::npos);  // no intervals, no detectable slowdown
    check_tables_are_rectangular(md);
}

TEST_CASE("report.md without a baseline is the report.md of the same run before --baseline",
          "[markdown][baseline]") {
    const std::string without = render_markdown(without_baseline(load_fixture("baseline")));
    CHECK(without == render_markdown(load_fixture("matching")));
    CHECK(without.find("aseline") == std::string::npos);
}

TEST_CASE("the minimum detectable slowdown adds one paragraph to report.md and changes nothing else",
          "[markdown]") {
    ReportInputs inputs = load_fixture("matching");
    const std::vector<std::string> with = lines_of(render_markdown(inputs));
    inputs.report.latency->minimum_detectable_slowdown.reset();
    const std::vector<std::string> without = lines_of(render_markdown(inputs));
    const std::string sentence =
        "This run could detect a slowdown of the candidate of 3.1% at p50, 7.9% at p95, "
        "15% at p99 (95% confidence, 95% power); a smaller one would go unseen.";
    const auto found = std::find(with.begin(), with.end(), sentence);
    REQUIRE(found != with.end());
    REQUIRE(std::next(found) != with.end());
    CHECK(std::next(found)->empty());
    std::vector<std::string> expected(with.begin(), found);
    expected.insert(expected.end(), std::next(found, 2), with.end());
    CHECK(expected == without);
}
