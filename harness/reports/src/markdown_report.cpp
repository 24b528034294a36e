#include "parity/reports/markdown_report.hpp"

#include <sstream>

#include "baseline_text.hpp"
#include "headline.hpp"
#include "latency_view.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "parity/reports/text_escape.hpp"
#include "section_rows.hpp"
#include "stages_view.hpp"
#include "value_display.hpp"

namespace parity::reports {
namespace {

using namespace detail;

/// A pull-request comment is read at a glance: the rest is in report.html and report.json.
constexpr std::size_t fields_shown = 10;
constexpr std::size_t outcomes_shown = 10;
constexpr std::size_t value_chars = 80;
constexpr std::size_t environment_value_chars = 200;

/// Data text for a table cell or list item: cut, then escaped (escaping after cutting never
/// leaves half an escape).
std::string cell(std::string_view text, std::size_t max_chars = value_chars) {
    return escape_markdown_cell(shorten(text, max_chars));
}

std::string estimate_cell(const std::optional<Estimate>& estimate, std::string (*format)(double)) {
    if (!estimate)
        return "—";
    return format(estimate->value) + format_interval(estimate->low, estimate->high, format);
}

/// Text from the data, or `fallback` when it is empty.
std::string or_else(const std::string& text, const char* fallback) {
    return text.empty() ? std::string(fallback) : text;
}

/// corpus.problems, right under the headline: whatever the counts say, the evidence is partial.
void write_corpus_problems(std::ostream& out, const replay::CorpusInfo& corpus) {
    if (corpus.complete && corpus.problems.empty())
        return;
    out << "> ⚠️ **Corpus incomplete**: the evidence is partial.\n";
    for (std::size_t i = 0; i < corpus.problems.size() && i < outcomes_shown; ++i)
        out << "> - " << cell(corpus.problems[i], environment_value_chars) << "\n";
    if (corpus.problems.size() > outcomes_shown)
        out << "> - … " << corpus.problems.size() - outcomes_shown << " more in report.json\n";
    out << "\n";
}

/// ✅ passed, ❌ failed, ⚠️ not decidable (an evidence criterion: too little, partial or too noisy
/// evidence), ➖ not judged (an A/A run's performance criteria).
const char* criterion_mark(const gate::Criterion& criterion) {
    if (!criterion.applicable)
        return "➖";
    if (criterion.passed)
        return "✅";
    return criterion.kind == gate::CriterionKind::evidence ? "⚠️" : "❌";
}

void write_verdict(std::ostream& out, const ReportInputs& inputs) {
    const Headline line = headline(inputs);
    out << "### " << headline_text(line) << "\n\n";
    const replay::Report& report = inputs.report;
    out << "Parity replay of " << cell(or_else(report.corpus.kernel, "?"), 60) << ": "
        << cell(or_else(report.reference, "reference")) << " vs "
        << cell(or_else(report.candidate, "candidate"));
    if (report.baseline)
        out << " (baseline " << cell(or_else(report.baseline->adapter, "?")) << ")";
    out << ".\n\n";
    if (const std::string problems = problems_text(inputs); !problems.empty())
        out << "> ⚠️ " << cell(problems, environment_value_chars) << "\n\n";
    write_corpus_problems(out, report.corpus);
    if (const std::string capped = report.limits ? replay::limits_warning(*report.limits) : "";
        !capped.empty())
        out << "> ⚠️ " << cell(capped, environment_value_chars) << "\n\n";
    if (!inputs.verdict || inputs.verdict->criteria.empty())
        return;
    out << "| | criterion | threshold | measured |\n|---|---|---:|---:|\n";
    for (const auto& criterion : inputs.verdict->criteria) {
        std::string measured = criterion.measured ? format_number(*criterion.measured) : "—";
        if (criterion.interval) {
            measured += " (" + format_number(criterion.interval->first) + "–" +
                        format_number(criterion.interval->second) + ")";
        }
        out << "| " << criterion_mark(criterion) << " | " << cell(or_else(criterion.name, "?")) << " | "
            << cell(format_number(criterion.threshold)) << " | " << cell(measured) << " |\n";
    }
    out << "\n";
    // Why it is not GO, in the gate's words: a mark alone does not say what to do.
    for (const auto& reason : inputs.verdict->reasons)
        out << "- " << cell(reason, environment_value_chars) << "\n";
    if (!inputs.verdict->reasons.empty())
        out << "\n";
}

void write_latency(std::ostream& out, const ReportInputs& inputs) {
    const LatencyView view = latency_view(inputs);
    out << "#### Latency (wall time per request)\n\n";
    if (view.source == LatencySource::not_measured) {
        out << "Not measured.\n\n";
        return;
    }
    out << "| path | p50 | p95 | p99 | max | n |\n|---|---:|---:|---:|---:|---:|\n";
    for (const auto& path : view.paths) {
        out << "| " << path.name << " | " << estimate_cell(path.p50, format_duration) << " | "
            << estimate_cell(path.p95, format_duration) << " | " << estimate_cell(path.p99, format_duration)
            << " | " << (path.max ? format_duration(*path.max) : "—") << " | " << path.count << " |\n";
    }
    if (view.speedup_p50 || view.speedup_p95 || view.speedup_p99) {
        out << "| **speedup** | " << estimate_cell(view.speedup_p50, format_ratio) << " | "
            << estimate_cell(view.speedup_p95, format_ratio) << " | "
            << estimate_cell(view.speedup_p99, format_ratio) << " | | |\n";
    }
    if (view.has_vs_baseline()) {
        out << "| **candidate ÷ baseline** | " << estimate_cell(view.vs_baseline_p50, format_ratio) << " | "
            << estimate_cell(view.vs_baseline_p95, format_ratio) << " | "
            << estimate_cell(view.vs_baseline_p99, format_ratio) << " | | |\n";
    }
    out << "\n";
    std::string notes;
    if (view.speedup_per_request_median) {
        notes += "Per-request speedup median " +
                 estimate_cell(view.speedup_per_request_median, format_ratio) + ". ";
    }
    if (!view.significance.empty())
        notes += "Significance " + cell(view.significance, environment_value_chars) + ". ";
    if (!view.method.empty())
        notes += "Method: " + cell(view.method, environment_value_chars) + ".";
    if (!notes.empty())
        out << notes << "\n\n";
    if (view.has_vs_baseline()) {
        out << "Candidate ÷ baseline is the candidate's time over the baseline's "
               "(the build that is live now): **above 1× the candidate is slower**.";
        if (view.vs_baseline_per_request_median) {
            out << " Per-request median " << estimate_cell(view.vs_baseline_per_request_median, format_ratio)
                << ".";
        }
        out << "\n\n";
    }
    if (!view.detectable_slowdown.empty())
        out << cell(view.detectable_slowdown, environment_value_chars * 2) << ".\n\n";
    for (const auto& warning : view.warnings)
        out << "> ⚠️ " << cell(warning, environment_value_chars) << "\n";
    if (!view.warnings.empty())
        out << "\n";
}

/// report.json's "stages": each path's stage times and shares, and --ported-stage's Amdahl figures.
void write_stages(std::ostream& out, const ReportInputs& inputs) {
    if (!inputs.report.stages)
        return;
    const StagesView view = stages_view(*inputs.report.stages);
    const auto seconds = [](const std::optional<double>& ns) { return ns ? format_duration(*ns) : "—"; };
    const auto share = [](const std::optional<double>& fraction) {
        return fraction ? format_percent(*fraction) : "—";
    };
    out << "#### Where the time goes\n\n"
        << "| stage | reference | share | candidate | share |\n|---|---:|---:|---:|---:|\n";
    for (const auto& row : view.rows) {
        out << "| " << cell(row.name, 60) << " | " << seconds(row.reference_ns) << " | "
            << share(row.reference_share) << " | " << seconds(row.candidate_ns) << " | "
            << share(row.candidate_share) << " |\n";
    }
    out << "\n" << cell(view.method, environment_value_chars * 2) << "\n\n";
    if (!view.ported.empty())
        out << "**" << cell(view.ported, environment_value_chars * 2) << "**\n\n";
}

std::string kinds_text(const replay::FieldReport& field) {
    std::string kinds;
    for (const auto& [kind, count] : field.types) {
        kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(count);
    }
    return kinds;
}

std::string example_text(const replay::FieldReport& field) {
    if (field.examples.empty())
        return "";
    const auto& example = field.examples.front();
    const std::string values = shorten(reference_text(example), value_chars / 2) + " → " +
                               shorten(candidate_text(example), value_chars / 2);
    return cell(example.request_id, 40) + " " + cell(or_else(example.pointer, "(root)"), 60) + ": " +
           escape_markdown_cell(values);
}

/// Fields as a table, most requests first, at most fields_shown of them; `sides` names the example's two
/// values ("reference → candidate").
void write_field_table(std::ostream& out, const std::vector<replay::FieldReport>& fields,
                       std::string_view sides) {
    out << "| field | requests | rate | kinds | example (" << sides << ") |\n"
        << "|---|---:|---:|---|---|\n";
    std::size_t shown = 0;
    for (const auto& field : fields) {
        if (shown++ == fields_shown)
            break;
        out << "| " << cell(or_else(field.pattern, "(root)")) << " | " << field.requests << " | "
            << format_percent(field.rate) << " | " << cell(kinds_text(field)) << " | " << example_text(field)
            << " |\n";
    }
    if (fields.size() > fields_shown)
        out << "\n… and " << fields.size() - fields_shown << " more fields in report.html.\n";
    out << "\n";
}

void write_fields(std::ostream& out, const ReportInputs& inputs) {
    const auto& fields = inputs.report.fields;
    if (fields.empty())
        return;
    out << "#### Differing fields\n\n";
    write_field_table(out, fields, "reference → candidate");
}

/// With --baseline: the candidate against the build that is live now, counted, then its differing fields.
void write_baseline(std::ostream& out, const ReportInputs& inputs) {
    if (!inputs.report.baseline)
        return;
    const replay::BaselineReport& baseline = *inputs.report.baseline;
    const replay::BaselineSummary& summary = baseline.summary;
    out << "#### Baseline (the build that is live now)\n\n"
        << (summary.mismatched > 0 ? "❌ " : "") << "Candidate vs baseline "
        << cell(or_else(baseline.adapter, "?"));
    if (!baseline.python_path.empty())
        out << " (python path " << cell(python_path_text(baseline.python_path), environment_value_chars)
            << ")";
    out << ": " << cell(baseline_counts_text(summary), environment_value_chars) << ".\n\n";
    for (std::size_t i = 0; i < baseline.problems.size() && i < outcomes_shown; ++i)
        out << "> ⚠️ " << cell(baseline.problems[i], environment_value_chars) << "\n";
    if (!baseline.problems.empty())
        out << "\n";
    if (!baseline.fields.empty())
        write_field_table(out, baseline.fields, "baseline → candidate");
    const auto& ids = baseline.requests_with_differences;
    if (ids.empty())
        return;
    out << "Requests that differ from the baseline: ";
    for (std::size_t i = 0; i < ids.size() && i < outcomes_shown; ++i)
        out << (i == 0 ? "" : ", ") << cell(ids[i], 60);
    if (ids.size() > outcomes_shown)
        out << " … " << ids.size() - outcomes_shown << " more in report.json";
    out << ".\n\n";
}

/// The replayed outcomes against the recorded ones: a line of counts, then the drifting fields.
void write_recorded(std::ostream& out, const ReportInputs& inputs) {
    const replay::Summary& summary = inputs.report.summary;
    const replay::RecordedComparisons& recorded = inputs.report.recorded;
    if (summary.recorded_checked == 0)
        return;
    out << "#### Recorded outputs\n\n"
        << (summary.reference_drift > 0 ? "❌ " : "") << "Reference drift: " << summary.reference_drift
        << " of " << summary.recorded_checked
        << " requests checked against the recorded output differ from it when replayed; candidate vs "
           "recorded: "
        << summary.candidate_vs_recorded << ".\n\n";
    for (const auto& ignore : recorded.ignored) {
        if (!ignore.output_paths.empty() || !ignore.error_keys.empty())
            out << "- redacted `" << cell(ignore.redaction, 60) << "` (" << cell(ignore.action, 10)
                << "): " << cell(ignore.reason, environment_value_chars) << "\n";
    }
    if (!recorded.ignored.empty())
        out << "\n";
    const auto& fields = recorded.reference_drift;
    if (fields.empty())
        return;
    write_field_table(out, fields, "recorded → replayed reference");
}

void write_outcomes(std::ostream& out, const ReportInputs& inputs) {
    const auto& outcomes = inputs.report.outcomes;
    if (outcomes.empty())
        return;
    out << "#### Crashes, timeouts and skipped requests\n\n";
    std::size_t shown = 0;
    for (const auto& outcome : outcomes) {
        if (shown++ == outcomes_shown)
            break;
        out << "- **" << cell(replay::to_string(outcome.outcome), 30) << "**";
        if (!outcome.request_id.empty())
            out << " " << cell(outcome.request_id, 60);
        if (!outcome.path.empty())
            out << " (" << cell(outcome.path, 30) << ")";
        if (!outcome.detail.empty())
            out << ": " << cell(outcome.detail);
        out << "\n";
    }
    const std::uint64_t more = (outcomes.size() > outcomes_shown ? outcomes.size() - outcomes_shown : 0) +
                               inputs.report.outcomes_not_listed;
    if (more > 0)
        out << "- … " << more << " more in report.json\n";
    out << "\n";
}

void write_environment(std::ostream& out, const ReportInputs& inputs) {
    out << "<details><summary>Environment</summary>\n\n| | |\n|---|---|\n";
    const auto row = [&](std::string_view key, const std::string& value) {
        if (!value.empty())
            out << "| " << cell(key, 60) << " | " << cell(value, environment_value_chars) << " |\n";
    };
    const replay::Report& report = inputs.report;
    row("corpus", report.corpus.path);
    row("service version", report.corpus.service_version);
    row("started", report.started);
    if (report.duration_s > 0)
        row("duration", format_number(report.duration_s, 3) + " s");
    if (report.options) {
        std::string options;
        for (const auto& [key, value] : option_rows(*report.options))
            options += (options.empty() ? "" : ", ") + key + " " + value;
        row("options", options);
    }
    if (!report.environment)
        row("machine", "not measured");
    else
        for (const auto& [key, value] : environment_rows(*report.environment))
            row(key, value);
    if (report.memory) {
        for (const auto& [key, value] : memory_rows(*report.memory))
            row(key, value);
    }
    out << "\n</details>\n";
}

}  // namespace

std::string render_markdown(const ReportInputs& inputs) {
    std::ostringstream out;
    write_verdict(out, inputs);
    write_latency(out, inputs);
    write_stages(out, inputs);
    write_fields(out, inputs);
    write_baseline(out, inputs);
    write_recorded(out, inputs);
    write_outcomes(out, inputs);
    write_environment(out, inputs);
    return out.str();
}

void write_markdown(const std::filesystem::path& report_dir) {
    detail::write_output_file(report_dir / "report.md", render_markdown(load_report_inputs(report_dir)));
}

}  // namespace parity::reports
