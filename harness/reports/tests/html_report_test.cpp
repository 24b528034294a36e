#include <catch2/catch.hpp>

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
