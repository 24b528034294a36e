#include <catch2/catch.hpp>

#include <algorithm>

#include "parity/reports/html_report.hpp"
#include "report_fixture.hpp"

using namespace parity::reports;
using namespace parity::reports::testing;

namespace {

/// A self-contained page: no script and nothing fetched from elsewhere.
void check_self_contained(const std::string& html) {
    for (const char* tag : {"<script", "<img", "<iframe", "<link", "<object", "<embed"}) {
        CHECK(html.find(tag) == std::string::npos);
    }
    CHECK(html.find(" src=\"") == std::string::npos);
    CHECK(html.find(" href=\"") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
}

}  // namespace

TEST_CASE("report.html of a matching run", "[html]") {
    const std::string html = render_html(load_fixture("matching"));
    check_self_contained(html);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<header class=\"pass\"><h1>✓ 4/4 requests match</h1>") != std::string::npos);
    CHECK(html.find("No field differs.") != std::string::npos);
    CHECK(occurrences(html, "<svg") == 3);  // CDF, histogram, speedup
    CHECK(html.find("32.0×") != std::string::npos);
    CHECK(html.find("Test CPU @ 2.60GHz") != std::string::npos);
    CHECK(html.find("40.0 MiB") != std::string::npos);
    CHECK(html.find("⚠ load average 3.1") != std::string::npos);
}

TEST_CASE("report.html of a mismatching run with a gate verdict", "[html]") {
    const std::string html = render_html(load_fixture("mismatching"));
    check_self_contained(html);
    CHECK(html.find("<header class=\"fail\"><h1>✗ NO-GO: 5 of 6 requests fail") != std::string::npos);
    CHECK(html.find("<h2>Gate: NO-GO</h2>") != std::string::npos);
    CHECK(html.find("<code>/*/score</code>") != std::string::npos);
    CHECK(html.find("<details open><summary>1 example</summary>") != std::string::npos);
    CHECK(html.find("0.9930555555555557") != std::string::npos);
    CHECK(html.find("killed by SIGSEGV") != std::string::npos);
    CHECK(html.find("no result after 10 s") != std::string::npos);
}

TEST_CASE("report.html without latency, environment or results", "[html]") {
    const std::string html = render_html(load_fixture("minimal"));
    check_self_contained(html);
    CHECK(html.find("<svg") == std::string::npos);
    CHECK(occurrences(html, "not measured") >= 4);  // latency, three charts, machine, memory
}

TEST_CASE("report.html escapes every string from the data", "[html]") {
    ReportInputs inputs = load_fixture("hostile");
    inputs.report.fields.at(0).examples.at(0).reference = std::string(1000000, 'x');
    const std::string html = render_html(inputs);
    check_self_contained(html);
    CHECK(html.find("<marquee") == std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("&quot;&gt;&lt;script&gt;") != std::string::npos);
    CHECK(html.size() < 200000);  // a million-character value is cut
}

TEST_CASE("report.html downsamples thousands of requests", "[html]") {
    ReportInputs inputs = load_fixture("matching");
    inputs.requests.clear();
    for (int i = 1; i <= 20000; ++i) {
        RequestTiming timing;
        timing.id = "r" + std::to_string(i);
        timing.reference_wall_ns = 1e6 + i * 100.0;
        timing.candidate_wall_ns = 1e5 + i * 10.0;
        inputs.requests.push_back(timing);
    }
    const std::string html = render_html(inputs);
    CHECK(html.size() < 150000);
}

TEST_CASE("write_html writes report.html into the folder", "[html]") {
    const auto dir = copy_fixture("mismatching");
    write_html(dir);
    CHECK(read_text(dir / "report.html") == render_html(load_report_inputs(dir)));
}

TEST_CASE("report.html names every problem of an incomplete corpus, escaped", "[html]") {
    ReportInputs inputs = load_fixture("matching");
    CHECK(render_html(inputs).find("Corpus incomplete") == std::string::npos);
    inputs.report.corpus.complete = false;
    inputs.report.corpus.problems = {
        "requests.jsonl:3: request id \"<b>x</b>\" already used at requests.jsonl:1"};
    const std::string html = render_html(inputs);
    CHECK(html.find("<b>Corpus incomplete</b>") != std::string::npos);
    CHECK(html.find("<li>requests.jsonl:3: request id &quot;&lt;b&gt;x&lt;/b&gt;&quot; already used at "
                    "requests.jsonl:1</li>") != std::string::npos);
}

TEST_CASE("report.html shows reference drift and the redacted paths ignored", "[html][drift]") {
    const std::string html = render_html(load_fixture("drifting"));
    check_self_contained(html);
    INFO(html);
    CHECK(
        html.find("<header class=\"fail\"><h1>✗ 4/4 requests match; the reference drifted from the recording "
                  "on 4 of 4</h1>") != std::string::npos);
    CHECK(html.find(
              "<div class=\"card bad\"><div class=\"n\">4</div><div class=\"label\">reference drift</div>") !=
          std::string::npos);
    CHECK(html.find("<h3>Reference drift (replayed reference vs recorded)</h3>") != std::string::npos);
    CHECK(html.find("<h3>recorded</h3>") != std::string::npos);
    CHECK(html.find("<h3>replayed reference</h3>") != std::string::npos);
    CHECK(html.find("<code>output /**/email</code>") != std::string::npos);
}

TEST_CASE("report.html of a run with a baseline", "[html][baseline]") {
    const std::string html = render_html(load_fixture("baseline"));
    check_self_contained(html);
    INFO(html);
    CHECK(html.find("(candidate), baseline <b>importer.adapters:live</b> (live)</div>") != std::string::npos);
    CHECK(html.find("<div class=\"card bad\"><div class=\"n\">1</div><div class=\"label\">differ from the "
                    "baseline</div></div>") != std::string::npos);
    // The latency table: a row of the baseline's own, and the ratio row.
    CHECK(html.find("<tr><td>baseline</td><td class=\"num\">4</td><td class=\"num\">120 µs <span "
                    "class=\"muted\"> (105 µs–135 µs)</span></td>") != std::string::npos);
    CHECK(
        html.find("<tr><th>candidate ÷ baseline</th><td></td><td class=\"num\">1.04× <span class=\"muted\"> "
                  "(0.98×–1.11×)</span></td>") != std::string::npos);
    CHECK(html.find("<td colspan=\"4\">above 1×: the candidate is slower than the baseline</td></tr>") !=
          std::string::npos);
    CHECK(html.find(
              "<p>This run could detect a slowdown of the candidate of 3.1% at p50, 7.9% at p95, 15% at p99 "
              "against the reference, and of 4.2% at p50, 11% at p95, 20% at p99 against the baseline (95% "
              "confidence, 95% power); a smaller one would go unseen.</p>") != std::string::npos);
    // The section: counts, python path, the field with its example's sides named.
    CHECK(html.find(
              "<h2>Baseline (the build that is live now)</h2>\n<p class=\"fail-mark\">Candidate vs baseline "
              "<code>importer.adapters:live</code>: 2 of 4 compared requests match, 1 differs; the baseline "
              "timed out on 1.</p>") != std::string::npos);
    CHECK(html.find("<code>/srv/importer-live/lib/python3.11/site-packages</code>") != std::string::npos);
    CHECK(html.find(
              "<div><h3>baseline</h3><pre>0.97</pre></div><div><h3>candidate</h3><pre>0.9712</pre></div>") !=
          std::string::npos);
    CHECK(html.find(
              "<summary>2 requests differ from the baseline</summary><p><code>r2</code>, <code>r4</code>") !=
          std::string::npos);
    CHECK(html.find("<tr><th>baseline memory</th><td>RSS growth 512.0 KiB") != std::string::npos);
    // The charts: a baseline curve in the CDF and the histogram, and a chart of candidate ÷ baseline.
    CHECK(occurrences(html, "<svg") == 4);
    CHECK(occurrences(html, "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"#805ad5\"") == 1);
    CHECK(occurrences(html, ">baseline (n = 3)</text>") == 2);  // r4's baseline timed out
    CHECK(html.find("aria-label=\"Histogram of per-request candidate ÷ baseline\"") != std::string::npos);
    CHECK(html.find("candidate time / baseline time per request (log scale)") != std::string::npos);
}

TEST_CASE("report.html says when the baseline could not be set up", "[html][baseline]") {
    ReportInputs inputs = load_fixture("baseline");
    auto& baseline = inputs.report.baseline.value();
    baseline.problems = {"ModuleNotFoundError: <script>"};
    baseline.fields.clear();
    baseline.requests_with_differences.clear();
    baseline.summary = {4, 0, 0, 0, 0, 4};
    const std::string html = render_html(inputs);
    check_self_contained(html);
    CHECK(
        html.find("<div class=\"warning\">baseline problem: ModuleNotFoundError: &lt;script&gt;</div>\n<p>No "
                  "field differs from the baseline.</p>") != std::string::npos);
    CHECK(html.find("the baseline was unavailable for 4.</p>") != std::string::npos);
}

TEST_CASE("report.html without a baseline is the report.html of the same run before --baseline",
          "[html][baseline]") {
    const std::string without = render_html(without_baseline(load_fixture("baseline")));
    CHECK(without == render_html(load_fixture("matching")));
    CHECK(without.find("aseline") == std::string::npos);
}

TEST_CASE("the minimum detectable slowdown adds one line to report.html and changes nothing else", "[html]") {
    ReportInputs inputs = load_fixture("matching");
    std::vector<std::string> with = lines_of(render_html(inputs));
    inputs.report.latency->minimum_detectable_slowdown.reset();
    const std::vector<std::string> without = lines_of(render_html(inputs));
    const auto found =
        std::find(with.begin(), with.end(),
                  "<p>This run could detect a slowdown of the candidate of 3.1% at p50, 7.9% at "
                  "p95, 15% at p99 (95% confidence, 95% power); a smaller one would go unseen.</p>");
    REQUIRE(found != with.end());
    with.erase(found);
    CHECK(with == without);
}
