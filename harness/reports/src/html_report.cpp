#include "parity/reports/html_report.hpp"

#include <sstream>
#include <tuple>

#include "baseline_text.hpp"
#include "headline.hpp"
#include "latency_view.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "parity/reports/text_escape.hpp"
#include "section_rows.hpp"
#include "stages_view.hpp"
#include "svg_charts.hpp"
#include "value_display.hpp"

namespace parity::reports {
namespace {

using namespace detail;

/// Values in tables are cut; examples show values up to this size and inputs up to the larger one.
constexpr std::size_t cell_chars = 120;
constexpr std::size_t value_chars = 4000;
constexpr std::size_t input_chars = 20000;
constexpr const char* reference_color = "#dd6b20";
constexpr const char* candidate_color = "#3182ce";
constexpr const char* baseline_color = "#805ad5";

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

/// corpus.problems under the header: whatever the counts say, the evidence is partial.
void write_corpus_problems(std::ostream& out, const replay::CorpusInfo& corpus) {
    constexpr std::size_t problems_shown = 50;
    if (corpus.complete && corpus.problems.empty())
        return;
    out << "<div class=\"warning\">⚠ <b>Corpus incomplete</b>: the evidence is partial.<ul>\n";
    for (std::size_t i = 0; i < corpus.problems.size() && i < problems_shown; ++i)
        out << "<li>" << cut(corpus.problems[i], 1000) << "</li>\n";
    if (corpus.problems.size() > problems_shown)
        out << "<li>… " << corpus.problems.size() - problems_shown << " more in report.json</li>\n";
    out << "</ul></div>\n";
}

void write_header(std::ostream& out, const ReportInputs& inputs) {
    const Headline line = headline(inputs);
    const replay::Report& report = inputs.report;
    out << "<header class=\"" << tone_class(line.tone) << "\"><h1>"
        << h(headline_text(line, IconSet::symbols)) << "</h1>\n"
        << "<div class=\"sub\">" << cut(report.corpus.kernel.empty() ? "?" : report.corpus.kernel) << ": <b>"
        << cut(report.reference) << "</b> (reference) vs <b>" << cut(report.candidate) << "</b> (candidate)";
    if (report.baseline)
        out << ", baseline <b>" << cut(report.baseline->adapter) << "</b> (live)";
    out << "</div>\n"
        << "<div class=\"sub\">corpus " << cut(report.corpus.path, 300) << " · started "
        << cut(report.started.empty() ? "?" : report.started);
    if (report.duration_s > 0)
        out << " · " << h(format_number(report.duration_s, 3)) << " s";
    out << "</div></header>\n";
    if (const std::string problems = problems_text(inputs); !problems.empty())
        out << "<div class=\"warning\">⚠ " << cut(problems, 1000) << "</div>\n";
    write_corpus_problems(out, report.corpus);
    if (const std::string capped = report.limits ? replay::limits_warning(*report.limits) : "";
        !capped.empty())
        out << "<div class=\"warning\">⚠ " << cut(capped, 1000) << "</div>\n";
}

void write_counts(std::ostream& out, const ReportInputs& inputs) {
    struct Count {
        std::uint64_t replay::Summary::*count;
        const char* label;
        bool bad_when_nonzero;
    };
    using replay::Summary;
    constexpr Count counts[] = {{&Summary::requests, "requests", false},
                                {&Summary::compared, "compared", false},
                                {&Summary::matched, "matched", false},
                                {&Summary::mismatched, "mismatched", true},
                                {&Summary::crashes, "crashes", true},
                                {&Summary::timeouts, "timeouts", true},
                                {&Summary::candidate_unavailable, "without candidate", true},
                                {&Summary::skipped, "skipped", false},
                                {&Summary::reference_errors, "reference errors (compared)", false},
                                {&Summary::candidate_errors, "candidate errors (compared)", false},
                                {&Summary::nondeterministic_fields, "nondeterministic fields", false},
                                {&Summary::recorded_checked, "checked against the recording", false},
                                {&Summary::reference_drift, "reference drift", true},
                                {&Summary::candidate_vs_recorded, "candidate vs recorded", false}};
    const auto card = [&](std::uint64_t n, const char* label, bool bad_when_nonzero) {
        out << "<div class=\"card" << (bad_when_nonzero && n > 0 ? " bad" : "") << "\"><div class=\"n\">" << n
            << "</div><div class=\"label\">" << label << "</div></div>\n";
    };
    out << "<div class=\"cards\">\n";
    for (const auto& c : counts)
        card(inputs.report.summary.*c.count, c.label, c.bad_when_nonzero);
    if (const auto& baseline = inputs.report.baseline)
        card(baseline->summary.mismatched, "differ from the baseline", true);
    out << "</div>\n";
}

void write_criteria(std::ostream& out, const ReportInputs& inputs) {
    if (!inputs.verdict)
        return;
    const gate::Verdict& verdict = *inputs.verdict;
    out << "<h2>Gate: " << h(gate::to_string(verdict.decision)) << "</h2>\n";
    if (verdict.criteria.empty()) {
        out << "<p class=\"muted\">No criteria.</p>\n";
        return;
    }
    out << "<table><tr><th></th><th>criterion</th><th>kind</th><th class=\"num\">threshold</th>"
           "<th class=\"num\">measured</th><th>interval</th><th>explanation</th></tr>\n";
    for (const auto& criterion : verdict.criteria) {
        out << "<tr><td style=\"white-space:nowrap\" class=\""
            << (!criterion.applicable ? "muted\">n/a"
                : criterion.passed    ? "pass-mark\">pass"
                                      : "fail-mark\">FAIL")
            << "</td><td>" << cut(criterion.name) << "</td><td>" << cut(gate::to_string(criterion.kind))
            << "</td><td class=\"num\">" << h(format_number(criterion.threshold)) << "</td><td class=\"num\">"
            << h(criterion.measured ? format_number(*criterion.measured) : "—")
            << "</td><td style=\"white-space:nowrap\">"
            << (criterion.interval ? h("[" + format_number(criterion.interval->first) + ", " +
                                       format_number(criterion.interval->second) + "]")
                                   : "")
            << "</td><td>" << cut(criterion.explanation, 1000) << "</td></tr>\n";
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
           "<th class=\"num\">thread CPU p50</th><th class=\"num\">thread CPU p99</th></tr>\n";
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
    if (view.has_vs_baseline()) {
        out << "<tr><th>candidate ÷ baseline</th><td></td><td class=\"num\">"
            << estimate_html(view.vs_baseline_p50, format_ratio) << "</td><td class=\"num\">"
            << estimate_html(view.vs_baseline_p95, format_ratio) << "</td><td class=\"num\">"
            << estimate_html(view.vs_baseline_p99, format_ratio)
            << "</td><td colspan=\"4\">above 1×: the candidate is slower than the baseline</td></tr>\n";
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
    if (view.has_vs_baseline()) {
        out << "<p>Candidate ÷ baseline is the candidate's time over the baseline's (the build that is live "
               "now): <b>above 1× the candidate is slower</b>.";
        if (view.vs_baseline_per_request_median) {
            out << " Per-request median " << estimate_html(view.vs_baseline_per_request_median, format_ratio)
                << ".";
        }
        out << "</p>\n";
    }
    if (!view.detectable_slowdown.empty())
        out << "<p>" << cut(view.detectable_slowdown, 1000) << ".</p>\n";
}

/// report.json's "stages": each path's stage times and shares, and --ported-stage's Amdahl figures.
void write_stages(std::ostream& out, const ReportInputs& inputs) {
    if (!inputs.report.stages)
        return;
    const StagesView view = stages_view(*inputs.report.stages);
    const auto share = [](const std::optional<double>& fraction) {
        return fraction ? h(format_percent(*fraction)) : "—";
    };
    out << "<h2>Where the time goes</h2>\n";
    if (!view.ported.empty())
        out << "<p><strong>" << cut(view.ported, 1000) << "</strong></p>\n";
    out << "<table><tr><th>stage</th><th class=\"num\">reference</th><th class=\"num\">share</th>"
           "<th class=\"num\">candidate</th><th class=\"num\">share</th></tr>\n";
    for (const auto& row : view.rows) {
        out << "<tr><td>" << cut(row.name) << "</td><td class=\"num\">" << optional_duration(row.reference_ns)
            << "</td><td class=\"num\">" << share(row.reference_share) << "</td><td class=\"num\">"
            << optional_duration(row.candidate_ns) << "</td><td class=\"num\">" << share(row.candidate_share)
            << "</td></tr>\n";
    }
    out << "</table>\n<p class=\"muted\">" << cut(view.method, 1000) << "</p>\n";
}

void write_charts(std::ostream& out, const ReportInputs& inputs) {
    ChartSeries reference{"reference", reference_color, {}};
    ChartSeries candidate{"candidate", candidate_color, {}};
    ChartSeries baseline{"baseline", baseline_color, {}};
    for (const auto& request : inputs.requests) {
        if (request.reference_wall_ns && *request.reference_wall_ns > 0)
            reference.samples.push_back(*request.reference_wall_ns);
        if (request.candidate_wall_ns && *request.candidate_wall_ns > 0)
            candidate.samples.push_back(*request.candidate_wall_ns);
        if (request.baseline_wall_ns && *request.baseline_wall_ns > 0)
            baseline.samples.push_back(*request.baseline_wall_ns);
    }
    std::vector<ChartSeries> series{reference, candidate};
    if (!baseline.samples.empty())
        series.push_back(std::move(baseline));
    out << "<div class=\"charts\">\n<figure><figcaption>Latency CDF (from results.jsonl)</figcaption>\n"
        << cdf_chart(series) << "</figure>\n<figure><figcaption>Latency histogram</figcaption>\n"
        << histogram_chart(series)
        << "</figure>\n<figure><figcaption>Per-request speedup (reference / candidate)</figcaption>\n"
        << speedup_chart(per_request_speedups(inputs)) << "</figure>\n";
    if (const auto ratios = per_request_vs_baseline(inputs); !ratios.empty()) {
        out << "<figure><figcaption>Per-request candidate ÷ baseline (above 1×: slower)</figcaption>\n"
            << vs_baseline_chart(ratios) << "</figure>\n";
    }
    out << "</div>\n";
}

/// What an example's two values are: the two paths, or (recorded comparisons) the recording and a path.
struct Sides {
    const char* first = "reference";
    const char* second = "candidate";
};

void write_example(std::ostream& out, const replay::DifferenceExample& example, const Sides& sides = {}) {
    out << "<div class=\"example\"><div>request <code>" << cut(example.request_id, 200) << "</code> at <code>"
        << cut(example.pointer.empty() ? "(root)" : example.pointer, 300) << "</code> · "
        << cut(example.kind, 40) << "</div>\n";
    out << "<div class=\"values\">";
    for (const auto& [path, value] : {std::pair{sides.first, reference_text(example)},
                                      std::pair{sides.second, candidate_text(example)}}) {
        out << "<div><h3>" << path << "</h3><pre>" << cut(value, value_chars) << "</pre></div>";
    }
    out << "</div>\n";
    if (!example.detail.empty()) {
        out << "<div>" << cut(example.detail, value_chars) << "</div>\n";
    }
    if (!example.repro.empty()) {
        out << "<div>repro: <code>" << cut(example.repro, 500) << "</code></div>\n";
    }
    if (example.input) {
        out << "<details><summary>input</summary><pre>"
            << cut(example.input->dump(2, ' ', false, nlohmann::json::error_handler_t::replace), input_chars)
            << "</pre></details>\n";
    }
    out << "</div>\n";
}

std::string kinds_text(const replay::FieldReport& field) {
    std::string kinds;
    for (const auto& [kind, count] : field.types) {
        kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(count);
    }
    return kinds;
}

/// The first field's examples start open: it is the one a reader looks at first.
template <typename Field>
void write_field_table(std::ostream& out, const std::vector<Field>& fields, bool open_first,
                       const Sides& sides = {}) {
    out << "<table><tr><th>field</th><th class=\"num\">requests</th><th class=\"num\">rate</th>"
           "<th class=\"num\">differences</th><th>kinds</th><th>examples</th></tr>\n";
    bool first = true;
    for (const auto& field : fields) {
        const auto& examples = field.examples;
        out << "<tr><td><code>" << cut(field.pattern.empty() ? "(root)" : field.pattern, 300)
            << "</code></td><td class=\"num\">" << field.requests << "</td><td class=\"num\">"
            << h(format_percent(field.rate)) << "</td><td class=\"num\">" << field.count << "</td><td>"
            << cut(kinds_text(field)) << "</td><td>";
        if (!examples.empty()) {
            out << (first && open_first ? "<details open><summary>" : "<details><summary>") << examples.size()
                << (examples.size() == 1 ? " example" : " examples") << "</summary>\n";
            for (const auto& example : examples)
                write_example(out, example, sides);
            out << "</details>";
        }
        out << "</td></tr>\n";
        first = false;
    }
    out << "</table>\n";
}

void write_fields(std::ostream& out, const ReportInputs& inputs) {
    const auto& fields = inputs.report.fields;
    out << "<h2>Differing fields</h2>\n";
    if (fields.empty()) {
        out << "<p>No field differs.</p>\n";
    } else {
        write_field_table(out, fields, true);
    }
    const auto& nondeterministic = inputs.report.nondeterministic;
    if (!nondeterministic.empty()) {
        out << "<h3>Nondeterministic fields (differ between two reference runs, not counted)</h3>\n";
        write_field_table(out, nondeterministic, false);
    }
}

/// With --baseline: the candidate against the build that is live now, counted, then its differing fields.
void write_baseline(std::ostream& out, const ReportInputs& inputs) {
    if (!inputs.report.baseline)
        return;
    const replay::BaselineReport& baseline = *inputs.report.baseline;
    out << "<h2>Baseline (the build that is live now)</h2>\n<p"
        << (baseline.summary.mismatched > 0 ? " class=\"fail-mark\"" : "") << ">Candidate vs baseline <code>"
        << cut(baseline.adapter.empty() ? "?" : baseline.adapter)
        << "</code>: " << h(baseline_counts_text(baseline.summary)) << ".</p>\n";
    if (!baseline.python_path.empty()) {
        out << "<p class=\"muted\">Its python path (first on its sys.path): <code>"
            << cut(python_path_text(baseline.python_path), 1000) << "</code></p>\n";
    }
    for (const auto& problem : baseline.problems)
        out << "<div class=\"warning\">baseline problem: " << cut(problem, 1000) << "</div>\n";
    if (baseline.fields.empty()) {
        out << "<p>No field differs from the baseline.</p>\n";
    } else {
        write_field_table(out, baseline.fields, false, Sides{"baseline", "candidate"});
    }
    if (!baseline.requests_with_differences.empty()) {
        constexpr std::size_t ids_shown = 200;
        const auto& ids = baseline.requests_with_differences;
        out << "<details><summary>" << ids.size() << " requests differ from the baseline</summary><p>";
        for (std::size_t i = 0; i < ids.size() && i < ids_shown; ++i)
            out << (i == 0 ? "" : ", ") << "<code>" << cut(ids[i], 200) << "</code>";
        if (ids.size() > ids_shown)
            out << " … " << ids.size() - ids_shown << " more in report.json";
        out << "</p></details>\n";
    }
}

/// The replayed outcomes against the recorded ones: redacted paths left out, drifting fields.
void write_recorded(std::ostream& out, const ReportInputs& inputs) {
    const replay::Summary& summary = inputs.report.summary;
    const replay::RecordedComparisons& recorded = inputs.report.recorded;
    out << "<h2>Recorded outputs</h2>\n";
    if (summary.recorded_checked == 0) {
        out << "<p class=\"muted\">No compared request carried a recorded output.</p>\n";
        return;
    }
    out << "<p" << (summary.reference_drift > 0 ? " class=\"fail-mark\"" : "")
        << ">Reference drift: " << summary.reference_drift << " of " << summary.recorded_checked
        << " requests checked against the output recorded in production differ from it when replayed "
           "(candidate vs recorded: "
        << summary.candidate_vs_recorded << ").</p>\n";
    if (!recorded.ignored.empty()) {
        out << "<table><tr><th>redaction</th><th>action</th><th>ignored in the recorded outcomes</th>"
               "<th>why</th></tr>\n";
        for (const auto& ignore : recorded.ignored) {
            std::string ignored;
            for (const auto& path : ignore.output_paths)
                ignored += (ignored.empty() ? "output " : ", output ") + (path.empty() ? "(root)" : path);
            for (const auto& key : ignore.error_keys)
                ignored += (ignored.empty() ? "error " : ", error ") + key;
            out << "<tr><td><code>" << cut(ignore.redaction, 300) << "</code></td><td>"
                << cut(ignore.action, 20) << "</td><td><code>"
                << cut(ignored.empty() ? "nothing" : ignored, 300) << "</code></td><td>"
                << cut(ignore.reason, 1000) << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    for (const auto& [title, fields, replayed] :
         {std::tuple{"Reference drift (replayed reference vs recorded)", &recorded.reference_drift,
                     "replayed reference"},
          std::tuple{"Candidate vs recorded", &recorded.candidate_vs_recorded, "replayed candidate"}}) {
        if (fields->empty())
            continue;
        out << "<h3>" << title << "</h3>\n";
        write_field_table(out, *fields, false, Sides{"recorded", replayed});
    }
}

void write_outcomes(std::ostream& out, const ReportInputs& inputs) {
    const replay::Report& report = inputs.report;
    out << "<h2>Crashes, timeouts and skipped requests</h2>\n";
    if (report.outcomes.empty()) {
        out << "<p>None.</p>\n";
    } else {
        out << "<table><tr><th>outcome</th><th>request</th><th>path</th><th>detail</th><th>repro</th></tr>\n";
        for (const auto& outcome : report.outcomes) {
            out << "<tr><td>" << cut(replay::to_string(outcome.outcome), 40) << "</td><td><code>"
                << cut(outcome.request_id, 200) << "</code></td><td>" << cut(outcome.path, 40) << "</td><td>"
                << cut(outcome.detail, 1000) << "</td><td><code>" << cut(outcome.repro, 500)
                << "</code></td></tr>\n";
        }
        out << "</table>\n";
    }
    if (report.outcomes_not_listed > 0) {
        out << "<p class=\"muted\">" << report.outcomes_not_listed
            << " more outcomes not listed in report.json.</p>\n";
    }
    for (const auto& [kind, problems] : {std::pair{"fixtures", &report.problems.fixtures},
                                         std::pair{"adapters", &report.problems.adapters}}) {
        for (const auto& problem : *problems) {
            out << "<div class=\"warning\">" << kind << " problem: " << cut(problem, 1000) << "</div>\n";
        }
    }
}

void write_environment(std::ostream& out, const ReportInputs& inputs) {
    out << "<h2>Environment</h2>\n<table class=\"kv\">\n";
    const auto row = [&](const std::string& key, const std::string& value) {
        out << "<tr><th>" << cut(key, 100) << "</th><td>" << cut(value, 1000) << "</td></tr>\n";
    };
    const replay::Report& report = inputs.report;
    const replay::CorpusInfo& corpus = report.corpus;
    for (const auto& [key, value] : {std::pair{"path", corpus.path}, std::pair{"kernel", corpus.kernel},
                                     std::pair{"count", corpus.count > 0 ? std::to_string(corpus.count) : ""},
                                     std::pair{"service_version", corpus.service_version},
                                     std::pair{"description", corpus.description}}) {
        if (!value.empty())
            row(std::string("corpus ") + key, value);
    }
    if (report.options) {
        for (const auto& [key, value] : option_rows(*report.options))
            row("option " + key, value);
    }
    if (!report.environment)
        row("machine", "not measured");
    else
        for (const auto& [key, value] : environment_rows(*report.environment))
            row(key, value);
    if (!report.memory)
        row("memory", "not measured");
    else
        for (const auto& [key, value] : memory_rows(*report.memory))
            row(key, value);
    row("parity", report.tool.version.empty() ? "unknown" : report.tool.version);
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
    write_baseline(out, inputs);
    write_recorded(out, inputs);
    write_outcomes(out, inputs);
    write_latency(out, inputs);
    write_stages(out, inputs);
    write_charts(out, inputs);
    write_environment(out, inputs);
    out << "</body></html>\n";
    return out.str();
}

void write_html(const std::filesystem::path& report_dir) {
    detail::write_output_file(report_dir / "report.html", render_html(load_report_inputs(report_dir)));
}

}  // namespace parity::reports
