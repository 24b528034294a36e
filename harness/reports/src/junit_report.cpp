#include "parity/reports/junit_report.hpp"

#include <sstream>

#include "json_access.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "parity/reports/text_escape.hpp"

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

std::vector<TestCase> field_cases(const nlohmann::json& report) {
    std::vector<TestCase> cases;
    const auto& fields = array(report, "fields");
    for (const auto& field : fields) {
        TestCase test;
        test.classname = "parity.fields";
        test.name = text(field, "pattern");
        if (test.name.empty())
            test.name = "(root)";
        test.result = CaseResult::failed;
        test.failure_type = "mismatch";
        test.message = std::to_string(count(field, "count")) + " differences in " +
                       std::to_string(count(field, "requests")) + " requests";
        std::ostringstream body;
        body << test.message << "\nkinds: " << text(field, "types") << "\n";
        const auto& examples = array(field, "examples");
        if (!examples.empty()) {
            const auto& example = examples.front();
            body << "example: request " << text(example, "request_id") << " at "
                 << text(example, "pointer", "(root)") << " (" << text(example, "kind") << ")\n";
            if (const auto* reference = member(example, "reference")) {
                body << "  reference: " << shorten(display(*reference), body_value_chars) << "\n";
            }
            if (const auto* candidate = member(example, "candidate")) {
                body << "  candidate: " << shorten(display(*candidate), body_value_chars) << "\n";
            }
            if (const auto detail = text(example, "detail"); !detail.empty()) {
                body << "  detail: " << shorten(detail, body_value_chars) << "\n";
            }
            if (const auto repro = text(example, "repro"); !repro.empty())
                body << "  repro: " << repro << "\n";
        }
        test.body = body.str();
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

std::vector<TestCase> outcome_cases(const nlohmann::json& report) {
    std::vector<TestCase> cases;
    for (const auto& outcome : array(report, "outcomes")) {
        const std::string kind = text(outcome, "outcome", "unknown");
        // Skipped requests were never compared: reported as skipped, not as failures.
        TestCase test;
        test.classname = "parity.outcomes";
        test.name = kind + " " + text(outcome, "request_id", "(no request)");
        if (const auto path = text(outcome, "path"); !path.empty())
            test.name += " (" + path + ")";
        test.result = kind == "skipped" ? CaseResult::skipped : CaseResult::failed;
        test.failure_type = kind;
        test.message = text(outcome, "detail");
        test.body = test.message;
        if (const auto repro = text(outcome, "repro"); !repro.empty())
            test.body += "\nrepro: " + repro;
        cases.push_back(std::move(test));
    }
    return cases;
}

std::vector<TestCase> criterion_cases(const nlohmann::json& verdict) {
    std::vector<TestCase> cases;
    for (const auto& criterion : array(verdict, "criteria")) {
        TestCase test;
        test.classname = "parity.gate." + text(criterion, "kind", "criteria");
        test.name = text(criterion, "name", "(unnamed criterion)");
        const bool passed = criterion.is_object() && criterion.value("passed", false);
        test.result = passed ? CaseResult::passed : CaseResult::failed;
        test.failure_type = "gate";
        test.message = "measured " + text(criterion, "measured", "nothing") + ", threshold " +
                       text(criterion, "threshold", "none");
        if (const auto& interval = array(criterion, "interval"); interval.size() == 2) {
            test.message += ", interval [" + display(interval[0]) + ", " + display(interval[1]) + "]";
        }
        test.body = test.message + "\n" + text(criterion, "explanation");
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
    for (auto& test : outcome_cases(inputs.report))
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
    const auto duration = number(inputs.report, "duration_s");
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"parity\" tests=\"" << cases.size() << "\" failures=\"" << failures
        << "\" errors=\"0\" skipped=\"" << skipped << "\">\n"
        << "  <testsuite name=\"parity\" tests=\"" << cases.size() << "\" failures=\"" << failures
        << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\"" << format_number(duration.value_or(0), 6)
        << "\"";
    if (auto started = text(inputs.report, "started"); !started.empty()) {
        // JUnit's schema wants a local date-time without a zone designator.
        if (started.back() == 'Z')
            started.pop_back();
        out << " timestamp=\"" << attribute(started) << "\"";
    }
    out << ">\n    <properties>\n";
    const auto property = [&](std::string_view name, const std::string& value) {
        out << "      <property name=\"" << name << "\" value=\"" << attribute(value, 500) << "\"/>\n";
    };
    property("corpus", text(object(inputs.report, "corpus"), "path"));
    property("kernel", text(object(inputs.report, "corpus"), "kernel"));
    property("reference", text(inputs.report, "reference"));
    property("candidate", text(inputs.report, "candidate"));
    if (inputs.verdict)
        property("verdict", text(*inputs.verdict, "verdict"));
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
