#include "parity/reports/report_files.hpp"

#include "output_file.hpp"
#include "parity/reports/benchmark_json.hpp"
#include "parity/reports/html_report.hpp"
#include "parity/reports/junit_report.hpp"
#include "parity/reports/markdown_report.hpp"

namespace parity::reports {

void write_all(const std::filesystem::path& report_dir) {
    const ReportInputs inputs = load_report_inputs(report_dir);
    detail::write_output_file(report_dir / "report.md", render_markdown(inputs));
    detail::write_output_file(report_dir / "report.html", render_html(inputs));
    detail::write_output_file(report_dir / "junit.xml", render_junit(inputs));
    detail::write_output_file(report_dir / "benchmark.json", render_benchmark_json(inputs));
}

}  // namespace parity::reports
