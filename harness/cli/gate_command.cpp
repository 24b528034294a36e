#include "gate_command.hpp"

#include <fstream>
#include <iostream>

#include "parity/gate/verdict.hpp"
#include "parity/harness/file_text.hpp"
#include "parity/reports/report_files.hpp"

namespace parity::cli {

std::shared_ptr<GateOptions> setup_gate(CLI::App& app) {
    auto options = std::make_shared<GateOptions>();
    CLI::App* command = app.add_subcommand(
        "gate", "Judge a replay report against a policy written before the port: GO / NO-GO. A latency or "
                "speedup criterion passes only when its 95 % confidence bound clears the threshold.");
    command->add_option("report", options->report_dir, "Report folder written by parity replay")
        ->required()
        ->check(CLI::ExistingDirectory);
    command->add_option("--policy", options->policy_file, "Policy JSON (docs/gate.md), e.g. ci/gate-policy.json")
        ->required()
        ->check(CLI::ExistingFile);
    command->footer("Exit codes: 0 GO; 1 NO-GO on parity (mismatches, error parity, crashes, timeouts); 3 NO-GO "
                    "on performance or memory; 4 cannot decide (too few samples, unstable host); 2 usage or "
                    "input error.");
    return options;
}

harness::ExitCode run_gate(const GateOptions& options) {
    const auto report_path = options.report_dir / "report.json";
    nlohmann::json report;
    gate::Policy policy;
    try {
        const auto text = harness::read_file_text(report_path);
        if (!text) throw std::runtime_error(report_path.string() + ": cannot read the report");
        report = nlohmann::json::parse(*text);
        if (report.value("schema_version", 0) != 1) {
            throw std::runtime_error(report_path.string() + ": unsupported schema_version " +
                                     report.value("schema_version", nlohmann::json()).dump());
        }
        policy = gate::Policy::load(options.policy_file);
    } catch (const std::exception& error) {
        std::cerr << "parity gate: " << error.what() << '\n';
        return harness::ExitCode::usage_or_input;
    }

    const gate::Verdict verdict = gate::evaluate(report, policy);
    gate::print_verdict(verdict, std::cout);
    nlohmann::ordered_json document = verdict.to_json();
    document["policy"] = std::filesystem::absolute(options.policy_file).string();
    std::ofstream(options.report_dir / "verdict.json", std::ios::binary | std::ios::trunc) << document.dump(2) << '\n';
    // report.md, report.html and junit.xml now carry the verdict and its criteria too.
    reports::write_all(options.report_dir);
    return verdict.exit_code;
}

}  // namespace parity::cli
