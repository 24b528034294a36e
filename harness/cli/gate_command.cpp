#include "gate_command.hpp"

#include <iostream>

#include "parity/gate/verdict.hpp"
#include "parity/replay/report_model.hpp"
#include "parity/reports/report_files.hpp"

namespace parity::cli {

std::shared_ptr<GateOptions> setup_gate(CLI::App& app) {
    auto options = std::make_shared<GateOptions>();
    CLI::App* command = app.add_subcommand(
        "gate",
        "Judge a replay report against a policy written before the port: GO / NO-GO. A latency or "
        "speedup criterion passes only when its 95 % confidence bound clears the threshold.");
    command->add_option("report", options->report_dir, "Report folder written by parity replay")
        ->required()
        ->check(CLI::ExistingDirectory);
    command
        ->add_option("--policy", options->policy_file, "Policy JSON (docs/gate.md), e.g. ci/gate-policy.json")
        ->required()
        ->check(CLI::ExistingFile);
    command->footer(
        "Exit codes: 0 GO; 1 NO-GO on parity (mismatches, error parity, crashes, timeouts); 3 NO-GO "
        "on performance or memory; 4 cannot decide (nothing or too little compared, an incomplete corpus, "
        "an adapter the replay could not set up, unstable host, a slowdown threshold finer than the run "
        "could "
        "detect); 2 usage or input error (an unreadable, "
        "damaged or inconsistent report, a bad policy).");
    return options;
}

harness::ExitCode run_gate(const GateOptions& options) {
    replay::Report report;
    gate::Policy policy;
    try {
        // Strict: a report missing a section, truncated or with a value of the wrong type is an input
        // error (exit 2), never a verdict.
        report = replay::load_report(options.report_dir / "report.json");
        policy = gate::Policy::load(options.policy_file);
    } catch (const std::exception& error) {
        std::cerr << "parity gate: " << error.what() << '\n';
        return harness::ExitCode::usage_or_input;
    }

    gate::Verdict verdict = gate::evaluate(report, policy);
    verdict.policy = std::filesystem::absolute(options.policy_file).string();
    gate::print_verdict(verdict, std::cout);
    gate::save_verdict(verdict, options.report_dir / "verdict.json");
    // report.md, report.html and junit.xml now carry the verdict and its criteria too.
    reports::write_all(options.report_dir);
    return verdict.exit_code;
}

}  // namespace parity::cli
