#include "parity/reports/markdown_report.hpp"

#include <sstream>

#include "headline.hpp"
#include "json_access.hpp"
#include "latency_view.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "parity/reports/text_escape.hpp"

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

void write_verdict(std::ostream& out, const ReportInputs& inputs) {
    const Headline line = headline(inputs);
    out << "### " << headline_text(line) << "\n\n";
    const auto& corpus = object(inputs.report, "corpus");
    out << "Parity replay of " << cell(text(corpus, "kernel", "?"), 60) << ": "
        << cell(text(inputs.report, "reference", "reference")) << " vs "
        << cell(text(inputs.report, "candidate", "candidate")) << ".\n\n";
    if (!inputs.verdict)
        return;
    const auto& criteria = array(*inputs.verdict, "criteria");
    if (criteria.empty())
        return;
    out << "| | criterion | threshold | measured |\n|---|---|---:|---:|\n";
    for (const auto& criterion : criteria) {
        const bool passed = criterion.is_object() && criterion.value("passed", false);
        std::string measured =
            criterion.is_object() && criterion.contains("measured") ? format_json_number(criterion["measured"]) : "—";
        const auto& interval = array(criterion, "interval");
        if (interval.size() == 2)
            measured += " (" + format_json_number(interval[0]) + "–" + format_json_number(interval[1]) + ")";
        out << "| " << (passed ? "✅" : "❌") << " | " << cell(text(criterion, "name", "?")) << " | "
            << cell(criterion.is_object() && criterion.contains("threshold") ? format_json_number(criterion["threshold"])
                                                                           : std::string("—"))
            << " | " << cell(measured) << " |\n";
    }
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
    for (const auto& warning : view.warnings)
        out << "> ⚠️ " << cell(warning, environment_value_chars) << "\n";
    if (!view.warnings.empty())
        out << "\n";
}

std::string kinds_text(const nlohmann::json& field) {
    std::string kinds;
    for (const auto& [kind, n] : object(field, "types").items()) {
        kinds += (kinds.empty() ? "" : ", ") + kind + " " + display(n);
    }
    return kinds;
}

std::string example_text(const nlohmann::json& field) {
    const auto& examples = array(field, "examples");
    if (examples.empty())
        return "";
    const auto& example = examples.front();
    std::string pointer = text(example, "pointer");
    if (pointer.empty())
        pointer = "(root)";
    std::string values;
    if (member(example, "reference") != nullptr || member(example, "candidate") != nullptr) {
        const auto* reference = member(example, "reference");
        const auto* candidate = member(example, "candidate");
        values = shorten(reference ? display(*reference) : "(absent)", value_chars / 2) + " → " +
                 shorten(candidate ? display(*candidate) : "(absent)", value_chars / 2);
    } else {
        values = shorten(text(example, "detail"), value_chars);
    }
    return cell(text(example, "request_id"), 40) + " " + cell(pointer, 60) + ": " +
           escape_markdown_cell(values);
}

void write_fields(std::ostream& out, const ReportInputs& inputs) {
    const auto& fields = array(inputs.report, "fields");
    if (fields.empty())
        return;
    out << "#### Differing fields\n\n"
        << "| field | requests | rate | kinds | example (reference → candidate) |\n"
        << "|---|---:|---:|---|---|\n";
    std::size_t shown = 0;
    for (const auto& field : fields) {
        if (shown++ == fields_shown)
            break;
        std::string pattern = text(field, "pattern");
        if (pattern.empty())
            pattern = "(root)";
        const auto rate = number(field, "rate");
        out << "| " << cell(pattern) << " | " << count(field, "requests") << " | "
            << (rate ? format_percent(*rate) : "—") << " | " << cell(kinds_text(field)) << " | "
            << example_text(field) << " |\n";
    }
    if (fields.size() > fields_shown) {
        out << "\n… and " << fields.size() - fields_shown << " more fields in report.html.\n";
    }
    out << "\n";
}

void write_outcomes(std::ostream& out, const ReportInputs& inputs) {
    const auto& outcomes = array(inputs.report, "outcomes");
    if (outcomes.empty())
        return;
    out << "#### Crashes, timeouts and skipped requests\n\n";
    std::size_t shown = 0;
    for (const auto& outcome : outcomes) {
        if (shown++ == outcomes_shown)
            break;
        out << "- **" << cell(text(outcome, "outcome", "?"), 30) << "**";
        if (const auto id = text(outcome, "request_id"); !id.empty())
            out << " " << cell(id, 60);
        if (const auto path = text(outcome, "path"); !path.empty())
            out << " (" << cell(path, 30) << ")";
        if (const auto detail = text(outcome, "detail"); !detail.empty())
            out << ": " << cell(detail);
        out << "\n";
    }
    const std::uint64_t more = (outcomes.size() > outcomes_shown ? outcomes.size() - outcomes_shown : 0) +
                               count(inputs.report, "outcomes_not_listed");
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
    const auto& corpus = object(inputs.report, "corpus");
    row("corpus", text(corpus, "path"));
    row("service version", text(corpus, "service_version"));
    row("started", text(inputs.report, "started"));
    if (const auto duration = number(inputs.report, "duration_s"))
        row("duration", format_number(*duration, 3) + " s");
    row("options", text(inputs.report, "options"));
    const auto& environment = object(inputs.report, "environment");
    if (environment.empty()) {
        row("machine", "not measured");
    }
    for (const auto& [key, value] : environment.items()) {
        row(key, value.is_null() ? std::string("unknown") : display(value));
    }
    for (const auto& [name, memory] : object(inputs.report, "memory").items()) {
        std::string value;
        if (const auto start = number(memory, "rss_start_bytes"))
            value += "start " + format_bytes(*start);
        if (const auto end = number(memory, "rss_end_bytes"))
            value += ", end " + format_bytes(*end);
        if (const auto growth = number(memory, "growth_bytes"))
            value += ", growth " + format_bytes(*growth);
        row(name + " RSS", value);
    }
    out << "\n</details>\n";
}

}  // namespace

std::string render_markdown(const ReportInputs& inputs) {
    std::ostringstream out;
    write_verdict(out, inputs);
    write_latency(out, inputs);
    write_fields(out, inputs);
    write_outcomes(out, inputs);
    write_environment(out, inputs);
    return out.str();
}

void write_markdown(const std::filesystem::path& report_dir) {
    detail::write_output_file(report_dir / "report.md", render_markdown(load_report_inputs(report_dir)));
}

}  // namespace parity::reports
