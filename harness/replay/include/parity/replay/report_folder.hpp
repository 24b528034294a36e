#pragma once

#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string_view>

namespace parity::replay {

/// `--out` cannot hold a report: it names a file, a folder of something else, or cannot be created.
class ReportFolderError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Makes `folder` ready for a new report, so nothing of an earlier run (a stale repro bundle) can sit
/// beside it: created when absent; emptied, saying so on `log`, when it holds a previous Parity report
/// (a `.parity-report` marker, or a report.json written by parity); refused when it is a file or a
/// non-empty folder of anything else. Then marks it as a report folder. `command` names the caller in
/// the log line ("parity replay").
///
///     prepare_report_folder("reports/x", "parity replay", std::cerr);
void prepare_report_folder(const std::filesystem::path& folder, std::string_view command, std::ostream& log);

}  // namespace parity::replay
