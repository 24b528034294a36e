#include "parity/reports/html_report.hpp"

#include <sstream>

#include "headline.hpp"
#include "json_access.hpp"
#include "latency_view.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "parity/reports/text_escape.hpp"
#include "svg_charts.hpp"

namespace parity::reports {
namespace {

using namespace detail;

/// Values in tables are cut; examples show values up to this size and inputs up to the larger one.
constexpr std::size_t cell_chars = 120;
constexpr std::size_t value_chars = 4000;
constexpr std::size_t input_chars = 20000;
constexpr const char* reference_color = "#dd6b20";
constexpr const char* candidate_color = "#3182ce";

constexpr std::string_view style = R"css(
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c;
       margin: 0 auto; max-width: 1240px; padding: 16px 24px 48px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #e2e8f0; }
h3 { font-size: 14px; margin: 12px 0 4px; }
header { border-radius: 8px; padding: 14px 18px; margin-bottom: 12px; border: 1px solid; }
header.pass { background: #f0fff4; border-color: #9ae6b4; }
header.fail { background: #fff5f5; border-color: #feb2b2; }
header.undecided { background: #fffff0; border-color: #f6e05e; }
.sub { color: #4a5568; overflow-wrap: anywhere; }
.muted { color: #718096; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 8px; }
.card { border: 1px solid #e2e8f0; border-radius: 6px; padding: 6px 10px; }
.card .n { font-size: 20px; font-weight: 600; }
.card.bad .n { color: #c53030; }
.card .label { color: #4a5568; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
table.kv th { width: 240px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf2f7; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f7fafc; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
code, pre { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { background: #f7fafc; border: 1px solid #e2e8f0; border-radius: 4px; padding: 6px 8px; margin: 4px 0;
      white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
details { margin: 2px 0; }
summary { cursor: pointer; color: #2b6cb0; }
.values { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.example { border-left: 3px solid #cbd5e0; padding-left: 10px; margin: 8px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 12px; }
figure { margin: 0; border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; font: 11px system-ui, sans-serif; fill: #2d3748; }
svg.chart .axis-title { fill: #4a5568; }
.pass-mark { color: #2f855a; font-weight: 600; }
.fail-mark { color: #c53030; font-weight: 600; }
.warning { background: #fffaf0; border: 1px solid #fbd38d; border-radius: 4px; padding: 6px 10px;
           margin: 6px 0; }
)css";

std::string h(std::string_view text) {
    return escape_html(text);
}
std::string cut(std::string_view text, std::size_t max_chars = cell_chars) {
    return h(shorten(text, max_chars));
}

std::string tone_class(Tone tone) {
    switch (tone) {
        case Tone::pass:
            return "pass";
        case Tone::fail:
            return "fail";
        case Tone::undecided:
            return "undecided";
    }
    return "undecided";
}

void write_header(std::ostream& out, const ReportInputs& inputs) {
    const Headline line = headline(inputs);
    const auto& corpus = object(inputs.report, "corpus");
    out << "<header class=\"" << tone_class(line.tone) << "\"><h1>"
        << h(headline_text(line, IconSet::symbols)) << "</h1>\n"
        << "<div class=\"sub\">" << cut(text(corpus, "kernel", "?")) << ": <b>"
        << cut(text(inputs.report, "reference")) << "</b> (reference) vs <b>"
        << cut(text(inputs.report, "candidate")) << "</b> (candidate)</div>\n"
        << "<div class=\"sub\">corpus " << cut(text(corpus, "path"), 300) << " · started "
        << cut(text(inputs.report, "started", "?"));
    if (const auto duration = number(inputs.report, "duration_s"))
        out << " · " << h(format_number(*duration, 3)) << " s";
    out << "</div></header>\n";
}

void write_counts(std::ostream& out, const ReportInputs& inputs) {
    const auto& summary = object(inputs.report, "summary");
    struct Count {
        const char* key;
        const char* label;
        bool bad_when_nonzero;
    };
    constexpr Count counts[] = {{"requests", "requests", false},
                                {"compared", "compared", false},
                                {"matched", "matched", false},
                                {"mismatched", "mismatched", true},
                                {"crashes", "crashes", true},
                                {"timeouts", "timeouts", true},
                                {"candidate_unavailable", "without candidate", true},
                                {"skipped", "skipped", false},
                                {"reference_errors", "reference errors (compared)", false},
                                {"candidate_errors", "candidate errors (compared)", false},
                                {"nondeterministic_fields", "nondeterministic fields", false}};
    out << "<div class=\"cards\">\n";
    for (const auto& c : counts) {
        const std::uint64_t n = count(summary, c.key);
        out << "<div class=\"card" << (c.bad_when_nonzero && n > 0 ? " bad" : "") << "\"><div class=\"n\">"
            << n << "</div><div class=\"label\">" << c.label << "</div></div>\n";
    }
    out << "</div>\n";
}

void write_criteria(std::ostream& out, const ReportInputs& inputs) {
    if (!inputs.verdict)
        return;
    out << "<h2>Gate: " << h(text(*inputs.verdict, "verdict", "UNDECIDED")) << "</h2>\n";
    const auto& criteria = array(*inputs.verdict, "criteria");
    if (criteria.empty()) {
        out << "<p class=\"muted\">No criteria.</p>\n";
        return;
    }
    out << "<table><tr><th></th><th>criterion</th><th>kind</th><th class=\"num\">threshold</th>"
           "<th class=\"num\">measured</th><th>interval</th><th>explanation</th></tr>\n";
    for (const auto& criterion : criteria) {
        const bool passed = criterion.is_object() && criterion.value("passed", false);
        const bool applicable = !criterion.is_object() || criterion.value("applicable", true);
        const auto& interval = array(criterion, "interval");
        const auto number_at = [&](const char* key) {
            return criterion.is_object() && criterion.contains(key) ? format_json_number(criterion[key])
                                                                    : std::string("—");
        };
        out << "<tr><td style=\"white-space:nowrap\" class=\""
            << (!applicable ? "muted\">n/a" : passed ? "pass-mark\">pass" : "fail-mark\">FAIL") << "</td><td>"
            << cut(text(criterion, "name")) << "</td><td>" << cut(text(criterion, "kind"))
            << "</td><td class=\"num\">" << h(number_at("threshold"))
            << "</td><td class=\"num\">" << h(number_at("measured")) << "</td><td style=\"white-space:nowrap\">"
            << (interval.size() == 2
                    ? h("[" + format_json_number(interval[0]) + ", " + format_json_number(interval[1]) + "]")
                    : "")
            << "</td><td>" << cut(text(criterion, "explanation"), 1000) << "</td></tr>\n";
    }
    out << "</table>\n";
}

std::string estimate_html(const std::optional<Estimate>& estimate, std::string (*format)(double)) {
    if (!estimate)
        return "—";
    std::string cell = h(format(estimate->value));
    const std::string interval = format_interval(estimate->low, estimate->high, format);
    if (!interval.empty())
        cell += " <span class=\"muted\">" + h(interval) + "</span>";
    return cell;
}

std::string optional_duration(const std::optional<double>& ns) {
    return ns ? h(format_duration(*ns)) : "—";
}

void write_latency(std::ostream& out, const ReportInputs& inputs) {
    out << "<h2>Latency</h2>\n";
    const LatencyView view = latency_view(inputs);
    if (view.source == LatencySource::not_measured) {
        out << "<p class=\"muted\">Not measured.</p>\n";
        return;
    }
    for (const auto& warning : view.warnings)
        out << "<div class=\"warning\">⚠ " << cut(warning, 1000) << "</div>\n";
    out << "<table><tr><th>path</th><th class=\"num\">n</th><th class=\"num\">p50</th><th "
           "class=\"num\">p95</th>"
           "<th class=\"num\">p99</th><th class=\"num\">max</th><th class=\"num\">mean</th>"
           "<th class=\"num\">CPU p50</th><th class=\"num\">CPU p99</th></tr>\n";
    for (const auto& path : view.paths) {
        out << "<tr><td>" << h(path.name) << "</td><td class=\"num\">" << path.count
            << "</td><td class=\"num\">" << estimate_html(path.p50, format_duration)
            << "</td><td class=\"num\">" << estimate_html(path.p95, format_duration)
            << "</td><td class=\"num\">" << estimate_html(path.p99, format_duration)
            << "</td><td class=\"num\">" << optional_duration(path.max) << "</td><td class=\"num\">"
            << optional_duration(path.mean) << "</td><td class=\"num\">" << optional_duration(path.cpu_p50)
            << "</td><td class=\"num\">" << optional_duration(path.cpu_p99) << "</td></tr>\n";
    }
    if (view.speedup_p50 || view.speedup_p95 || view.speedup_p99) {
        out << "<tr><th>speedup</th><td></td><td class=\"num\">"
            << estimate_html(view.speedup_p50, format_ratio) << "</td><td class=\"num\">"
            << estimate_html(view.speedup_p95, format_ratio) << "</td><td class=\"num\">"
            << estimate_html(view.speedup_p99, format_ratio) << "</td><td colspan=\"4\"></td></tr>\n";
    }
    out << "</table>\n<p class=\"muted\">";
    if (view.speedup_per_request_median) {
        out << "Per-request speedup median " << estimate_html(view.speedup_per_request_median, format_ratio)
            << ". ";
    }
    if (!view.significance.empty())
        out << "Significance " << cut(view.significance, 300) << ". ";
    if (!view.method.empty())
        out << "Method: " << cut(view.method, 300) << ".";
    out << "</p>\n";
}

void write_charts(std::ostream& out, const ReportInputs& inputs) {
    ChartSeries reference{"reference", reference_color, {}};
    ChartSeries candidate{"candidate", candidate_color, {}};
    for (const auto& request : inputs.requests) {
        if (request.reference_wall_ns && *request.reference_wall_ns > 0)
            reference.samples.push_back(*request.reference_wall_ns);
        if (request.candidate_wall_ns && *request.candidate_wall_ns > 0)
            candidate.samples.push_back(*request.candidate_wall_ns);
    }
    const std::vector<ChartSeries> series{reference, candidate};
    out << "<div class=\"charts\">\n<figure><figcaption>Latency CDF (from results.jsonl)</figcaption>\n"
        << cdf_chart(series) << "</figure>\n<figure><figcaption>Latency histogram</figcaption>\n"
        << histogram_chart(series)
        << "</figure>\n<figure><figcaption>Per-request speedup (reference / candidate)</figcaption>\n"
        << speedup_chart(per_request_speedups(inputs)) << "</figure>\n</div>\n";
}

void write_example(std::ostream& out, const nlohmann::json& example) {
    std::string pointer = text(example, "pointer");
    out << "<div class=\"example\"><div>request <code>" << cut(text(example, "request_id"), 200)
        << "</code> at <code>" << cut(pointer.empty() ? "(root)" : pointer, 300) << "</code> · "
        << cut(text(example, "kind"), 40) << "</div>\n";
    out << "<div class=\"values\">";
    for (const char* path : {"reference", "candidate"}) {
        const auto* value = member(example, path);
        out << "<div><h3>" << path << "</h3><pre>" << (value ? cut(display(*value), value_chars) : "(absent)")
            << "</pre></div>";
    }
    out << "</div>\n";
    if (const auto detail = text(example, "detail"); !detail.empty()) {
        out << "<div>" << cut(detail, value_chars) << "</div>\n";
    }
    if (const auto repro = text(example, "repro"); !repro.empty()) {
        out << "<div>repro: <code>" << cut(repro, 500) << "</code></div>\n";
    }
    if (const auto* input = member(example, "input")) {
        out << "<details><summary>input</summary><pre>"
            << cut(input->dump(2, ' ', false, nlohmann::json::error_handler_t::replace), input_chars)
            << "</pre></details>\n";
    }
    out << "</div>\n";
}

std::string kinds_text(const nlohmann::json& field) {
    std::string kinds;
    for (const auto& [kind, n] : object(field, "types").items()) {
        kinds += (kinds.empty() ? "" : ", ") + kind + " " + display(n);
    }
    return kinds;
}

/// The first field's examples start open: it is the one a reader looks at first.
void write_field_table(std::ostream& out, const nlohmann::json& fields, bool open_first) {
    out << "<table><tr><th>field</th><th class=\"num\">requests</th><th class=\"num\">rate</th>"
           "<th class=\"num\">differences</th><th>kinds</th><th>examples</th></tr>\n";
    bool first = true;
    for (const auto& field : fields) {
        std::string pattern = text(field, "pattern");
        const auto rate = number(field, "rate");
        const auto& examples = array(field, "examples");
        out << "<tr><td><code>" << cut(pattern.empty() ? "(root)" : pattern, 300)
            << "</code></td><td class=\"num\">" << count(field, "requests") << "</td><td class=\"num\">"
            << (rate ? h(format_percent(*rate)) : "—") << "</td><td class=\"num\">" << count(field, "count")
            << "</td><td>" << cut(kinds_text(field)) << "</td><td>";
        if (!examples.empty()) {
            out << (first && open_first ? "<details open><summary>" : "<details><summary>") << examples.size()
                << (examples.size() == 1 ? " example" : " examples") << "</summary>\n";
            for (const auto& example : examples)
                write_example(out, example);
            out << "</details>";
        }
        out << "</td></tr>\n";
        first = false;
    }
    out << "</table>\n";
}

void write_fields(std::ostream& out, const ReportInputs& inputs) {
    const auto& fields = array(inputs.report, "fields");
    out << "<h2>Differing fields</h2>\n";
    if (fields.empty()) {
        out << "<p>No field differs.</p>\n";
    } else {
        write_field_table(out, fields, true);
    }
    const auto& nondeterministic = array(inputs.report, "nondeterministic");
    if (!nondeterministic.empty()) {
        out << "<h3>Nondeterministic fields (differ between two reference runs, not counted)</h3>\n";
        write_field_table(out, nondeterministic, false);
    }
}

void write_outcomes(std::ostream& out, const ReportInputs& inputs) {
    const auto& outcomes = array(inputs.report, "outcomes");
    out << "<h2>Crashes, timeouts and skipped requests</h2>\n";
    if (outcomes.empty()) {
        out << "<p>None.</p>\n";
    } else {
        out << "<table><tr><th>outcome</th><th>request</th><th>path</th><th>detail</th><th>repro</th></tr>\n";
        for (const auto& outcome : outcomes) {
            out << "<tr><td>" << cut(text(outcome, "outcome"), 40) << "</td><td><code>"
                << cut(text(outcome, "request_id"), 200) << "</code></td><td>"
                << cut(text(outcome, "path"), 40) << "</td><td>" << cut(text(outcome, "detail"), 1000)
                << "</td><td><code>" << cut(text(outcome, "repro"), 500) << "</code></td></tr>\n";
        }
        out << "</table>\n";
    }
    if (const auto more = count(inputs.report, "outcomes_not_listed"); more > 0) {
        out << "<p class=\"muted\">" << more << " more outcomes not listed in report.json.</p>\n";
    }
    const auto& problems = object(inputs.report, "problems");
    for (const char* kind : {"fixtures", "adapters"}) {
        for (const auto& problem : array(problems, kind)) {
            out << "<div class=\"warning\">" << kind << " problem: " << cut(display(problem), 1000)
                << "</div>\n";
        }
    }
}

void write_environment(std::ostream& out, const ReportInputs& inputs) {
    out << "<h2>Environment</h2>\n<table class=\"kv\">\n";
    const auto row = [&](const std::string& key, const std::string& value) {
        out << "<tr><th>" << cut(key, 100) << "</th><td>" << cut(value, 1000) << "</td></tr>\n";
    };
    const auto& corpus = object(inputs.report, "corpus");
    for (const char* key : {"path", "kernel", "count", "service_version", "description"}) {
        if (const auto value = text(corpus, key); !value.empty())
            row(std::string("corpus ") + key, value);
    }
    for (const auto& [key, value] : object(inputs.report, "options").items()) {
        if (!value.is_null())
            row("option " + key, display(value));
    }
    const auto& environment = object(inputs.report, "environment");
    if (environment.empty())
        row("machine", "not measured");
    for (const auto& [key, value] : environment.items())
        row(key, value.is_null() ? "unknown" : display(value));
    const auto& memory = object(inputs.report, "memory");
    if (memory.empty())
        row("memory", "not measured");
    for (const auto& [name, path] : memory.items()) {
        for (const char* key : {"rss_start_bytes", "rss_end_bytes", "growth_bytes"}) {
            if (const auto bytes = number(path, key))
                row(name + " " + key, format_bytes(*bytes));
        }
    }
    row("parity", text(object(inputs.report, "tool"), "version", "unknown"));
    out << "</table>\n";
}

}  // namespace

std::string render_html(const ReportInputs& inputs) {
    std::ostringstream out;
    const Headline line = headline(inputs);
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        // No script, no external resources: a corpus value can never run or fetch anything.
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
           "'unsafe-inline'; "
           "img-src data:\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Parity: "
        << h(headline_text(line, IconSet::symbols)) << "</title>\n<style>" << style
        << "</style></head>\n<body>\n";
    write_header(out, inputs);
    write_counts(out, inputs);
    write_criteria(out, inputs);
    write_fields(out, inputs);
    write_outcomes(out, inputs);
    write_latency(out, inputs);
    write_charts(out, inputs);
    write_environment(out, inputs);
    out << "</body></html>\n";
    return out.str();
}

void write_html(const std::filesystem::path& report_dir) {
    detail::write_output_file(report_dir / "report.html", render_html(load_report_inputs(report_dir)));
}

}  // namespace parity::reports
