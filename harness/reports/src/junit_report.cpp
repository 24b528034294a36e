#include "parity/reports/junit_report.hpp"

#include <sstream>

#include "baseline_text.hpp"
#include "latency_view.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "parity/reports/text_escape.hpp"
#include "value_display.hpp"

namespace parity::reports {
namespace {

using namespace detail;

/// Failure messages are shown in one line by most CI viewers; the body holds the rest.
constexpr std::size_t message_chars = 200;
constexpr std::size_t body_value_chars = 2000;

enum class CaseResult { passed, failed, skipped };

struct TestCase {
    std::string classname;
    std::string name;
    CaseResult result = CaseResult::passed;
    std::string failure_type;
    std::string message;
    std::string body;
};

std::string attribute(std::string_view text, std::size_t max_chars = message_chars) {
    return escape_xml(shorten(text, max_chars));
}

/// Numbers in messages: up to 6 significant digits.
constexpr int message_digits = 6;

/// A failing field's case body: the message, its kinds and its first example, the two sides labelled.
std::string field_body(const replay::FieldReport& field, const std::string& message, std::string_view first,
                       std::string_view second) {
    std::ostringstream body;
    body << message << "\nkinds: " << display(nlohmann::json(field.types)) << "\n";
    if (!field.examples.empty()) {
        const auto& example = field.examples.front();
        body << "example: request " << example.request_id << " at "
             << (example.pointer.empty() ? "(root)" : example.pointer) << " (" << example.kind << ")\n";
        body << "  " << first << ": " << shorten(reference_text(example), body_value_chars) << "\n";
        body << "  " << second << ": " << shorten(candidate_text(example), body_value_chars) << "\n";
        if (!example.detail.empty())
            body << "  detail: " << shorten(example.detail, body_value_chars) << "\n";
        if (!example.repro.empty())
            body << "  repro: " << example.repro << "\n";
    }
    return body.str();
}

std::vector<TestCase> field_cases(const replay::Report& report) {
    std::vector<TestCase> cases;
    for (const auto& field : report.fields) {
        TestCase test;
        test.classname = "parity.fields";
        test.name = field.pattern.empty() ? "(root)" : field.pattern;
        test.result = CaseResult::failed;
        test.failure_type = "mismatch";
        test.message =
            std::to_string(field.count) + " differences in " + std::to_string(field.requests) + " requests";
        test.body = field_body(field, test.message, "reference", "candidate");
        cases.push_back(std::move(test));
    }
    if (cases.empty()) {
        TestCase test;
        test.classname = "parity.fields";
        test.name = "all fields";
        cases.push_back(std::move(test));
    }
    return cases;
}

/// One failing case per field where the replayed reference drifted from the recorded outcome; one
/// passing case when the recording was checked and nothing drifted.
std::vector<TestCase> drift_cases(const replay::Report& report) {
    std::vector<TestCase> cases;
    const replay::Summary& summary = report.summary;
    if (summary.recorded_checked == 0)
        return cases;
    for (const auto& field : report.recorded.reference_drift) {
        TestCase test;
        test.classname = "parity.reference_drift";
        test.name = field.pattern.empty() ? "(root)" : field.pattern;
        test.result = CaseResult::failed;
        test.failure_type = "reference_drift";
        test.message = "the replayed reference differs from the recorded outcome in " +
                       std::to_string(field.requests) + " of " + std::to_string(summary.recorded_checked) +
                       " requests";
        test.body = field_body(field, test.message, "recorded", "replayed");
        cases.push_back(std::move(test));
    }
    if (cases.empty() && summary.reference_drift == 0) {
        TestCase test;
        test.classname = "parity.reference_drift";
        test.name = "recorded outputs";
        cases.push_back(std::move(test));
    }
    return cases;
}

/// With --baseline, beside the port's fields: one failing case per field where the candidate differs
/// from the live build (or one for all when report.json counts differences but lists no field), one for
/// a baseline that could not be set up, else one passing case. The baseline's own crashes and timeouts
/// are its failures, not the candidate's: they are counted in the properties only.
std::vector<TestCase> baseline_cases(const replay::Report& report) {
    std::vector<TestCase> cases;
    if (!report.baseline)
        return cases;
    const replay::BaselineReport& baseline = *report.baseline;
    for (const auto& field : baseline.fields) {
        TestCase test;
        test.classname = "parity.baseline";
        test.name = field.pattern.empty() ? "(root)" : field.pattern;
        test.result = CaseResult::failed;
        test.failure_type = "baseline_mismatch";
        test.message = "the candidate differs from the baseline in " + std::to_string(field.requests) +
                       " of " + std::to_string(baseline.summary.compared) + " requests (" +
                       std::to_string(field.count) + " differences)";
        test.body = field_body(field, test.message, "baseline", "candidate");
        cases.push_back(std::move(test));
    }
    if (!baseline.problems.empty()) {
        TestCase test;
        test.classname = "parity.baseline";
        test.name = "set up";
        test.result = CaseResult::failed;
        test.failure_type = "baseline_unavailable";
        test.message = baseline.problems.front();
        for (const auto& problem : baseline.problems)
            test.body += shorten(problem, body_value_chars) + "\n";
        cases.push_back(std::move(test));
    }
    if (baseline.fields.empty() && baseline.summary.mismatched > 0) {
        // The fields were left out (--max-report-bytes): the count alone still fails.
        TestCase test;
        test.classname = "parity.baseline";
        test.name = "outputs";
        test.result = CaseResult::failed;
        test.failure_type = "baseline_mismatch";
        test.message = std::to_string(baseline.summary.mismatched) + " of " +
                       std::to_string(baseline.summary.compared) + " requests differ from the baseline";
        test.body = test.message;
        cases.push_back(std::move(test));
    }
    if (cases.empty()) {
        TestCase test;
        test.classname = "parity.baseline";
        test.name = "all fields";
        cases.push_back(std::move(test));
    }
    return cases;
}

std::vector<TestCase> outcome_cases(const replay::Report& report) {
    std::vector<TestCase> cases;
    for (const auto& outcome : report.outcomes) {
        const std::string kind(replay::to_string(outcome.outcome));
        // Skipped requests were never compared: reported as skipped, not as failures.
        TestCase test;
        test.classname = "parity.outcomes";
        test.name = kind + " " + (outcome.request_id.empty() ? "(no request)" : outcome.request_id);
        if (!outcome.path.empty())
            test.name += " (" + outcome.path + ")";
        test.result =
            outcome.outcome == replay::RequestOutcome::skipped ? CaseResult::skipped : CaseResult::failed;
        test.failure_type = kind;
        test.message = outcome.detail;
        test.body = test.message;
        if (!outcome.repro.empty())
            test.body += "\nrepro: " + outcome.repro;
        cases.push_back(std::move(test));
    }
    return cases;
}

/// An incomplete corpus is one failing case, so CI shows it even without a gate.
std::vector<TestCase> corpus_cases(const replay::CorpusInfo& corpus) {
    if (corpus.complete && corpus.problems.empty())
        return {};
    TestCase test;
    test.classname = "parity.corpus";
    test.name = "complete";
    test.result = CaseResult::failed;
    test.failure_type = "incomplete_corpus";
    test.message = corpus.problems.empty() ? "corpus marked incomplete" : corpus.problems.front();
    for (const auto& problem : corpus.problems)
        test.body += shorten(problem, body_value_chars) + "\n";
    return {test};
}

std::vector<TestCase> criterion_cases(const gate::Verdict& verdict) {
    std::vector<TestCase> cases;
    for (const auto& criterion : verdict.criteria) {
        TestCase test;
        test.classname = "parity.gate." + std::string(gate::to_string(criterion.kind));
        test.name = criterion.name.empty() ? "(unnamed criterion)" : criterion.name;
        test.result = criterion.passed ? CaseResult::passed : CaseResult::failed;
        test.failure_type = "gate";
        test.message = "measured " +
                       (criterion.measured ? format_number(*criterion.measured, message_digits) : "nothing") +
                       ", threshold " + format_number(criterion.threshold, message_digits);
        if (criterion.interval) {
            test.message += ", interval [" + format_number(criterion.interval->first, message_digits) + ", " +
                            format_number(criterion.interval->second, message_digits) + "]";
        }
        test.body = test.message + "\n" + criterion.explanation;
        cases.push_back(std::move(test));
    }
    return cases;
}

void write_case(std::ostream& out, const TestCase& test) {
    out << "    <testcase classname=\"" << attribute(test.classname) << "\" name=\""
        << attribute(test.name, 500) << "\" time=\"0\"";
    if (test.result == CaseResult::passed) {
        out << "/>\n";
        return;
    }
    out << ">\n";
    if (test.result == CaseResult::skipped) {
        out << "      <skipped message=\"" << attribute(test.message) << "\"/>\n";
    } else {
        out << "      <failure type=\"" << attribute(test.failure_type) << "\" message=\""
            << attribute(test.message) << "\">" << escape_xml(test.body, XmlContext::content)
            << "</failure>\n";
    }
    out << "    </testcase>\n";
}

}  // namespace

std::string render_junit(const ReportInputs& inputs) {
    std::vector<TestCase> cases = field_cases(inputs.report);
    for (auto& test : drift_cases(inputs.report))
        cases.push_back(std::move(test));
    for (auto& test : baseline_cases(inputs.report))
        cases.push_back(std::move(test));
    for (auto& test : outcome_cases(inputs.report))
        cases.push_back(std::move(test));
    for (auto& test : corpus_cases(inputs.report.corpus))
        cases.push_back(std::move(test));
    if (inputs.verdict) {
        for (auto& test : criterion_cases(*inputs.verdict))
            cases.push_back(std::move(test));
    }
    std::size_t failures = 0;
    std::size_t skipped = 0;
    for (const auto& test : cases) {
        if (test.result == CaseResult::skipped)
            ++skipped;
        if (test.result == CaseResult::failed)
            ++failures;
    }
    const replay::Report& report = inputs.report;
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"parity\" tests=\"" << cases.size() << "\" failures=\"" << failures
        << "\" errors=\"0\" skipped=\"" << skipped << "\">\n"
        << "  <testsuite name=\"parity\" tests=\"" << cases.size() << "\" failures=\"" << failures
        << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\"" << format_number(report.duration_s, 6)
        << "\"";
    if (auto started = report.started; !started.empty()) {
        // JUnit's schema wants a local date-time without a zone designator.
        if (started.back() == 'Z')
            started.pop_back();
        out << " timestamp=\"" << attribute(started) << "\"";
    }
    out << ">\n    <properties>\n";
    const auto property = [&](std::string_view name, const std::string& value) {
        out << "      <property name=\"" << name << "\" value=\"" << attribute(value, 500) << "\"/>\n";
    };
    property("corpus", report.corpus.path);
    property("kernel", report.corpus.kernel);
    property("reference", report.reference);
    property("candidate", report.candidate);
    property("recorded_checked", std::to_string(report.summary.recorded_checked));
    property("reference_drift", std::to_string(report.summary.reference_drift));
    property("candidate_vs_recorded", std::to_string(report.summary.candidate_vs_recorded));
    if (const auto& baseline = report.baseline) {
        property("baseline", baseline->adapter);
        property("baseline_python_path", python_path_text(baseline->python_path));
        property("baseline_summary", baseline_counts_text(baseline->summary));
    }
    if (const LatencyView view = latency_view(inputs); !view.detectable_slowdown.empty())
        property("minimum_detectable_slowdown", view.detectable_slowdown);
    if (inputs.verdict)
        property("verdict", std::string(gate::to_string(inputs.verdict->decision)));
    if (const std::string capped = report.limits ? replay::limits_warning(*report.limits) : "";
        !capped.empty())
        property("limits", capped);
    out << "    </properties>\n";
    for (const auto& test : cases)
        write_case(out, test);
    out << "  </testsuite>\n</testsuites>\n";
    return out.str();
}

void write_junit(const std::filesystem::path& report_dir) {
    detail::write_output_file(report_dir / "junit.xml", render_junit(load_report_inputs(report_dir)));
}

}  // namespace parity::reports
