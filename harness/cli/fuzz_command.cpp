#include "fuzz_command.hpp"

#include <iostream>

#include "parity/fuzz/findings_writer.hpp"
#include "parity/fuzz/fuzz_session.hpp"
#include "parity/fuzz/fuzzer.hpp"
#include "parity/harness/utc_time.hpp"
#include "parity/replay/report_folder.hpp"
#include "run_options.hpp"

namespace parity::cli {
namespace {

using harness::ExitCode;

/// "10m", "90s", "1h", "600" (seconds).
std::chrono::milliseconds parse_duration(const std::string& text) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        throw CLI::ValidationError("--time",
                                   "expected a duration such as 90s, 10m or 1h, got '" + text + "'");
    }
    const std::string unit = text.substr(used);
    const double scale = unit.empty() || unit == "s" ? 1.0 : unit == "m" ? 60.0 : unit == "h" ? 3600.0 : -1.0;
    if (scale < 0 || !(value > 0) || value * scale > 7 * 24 * 3600.0) {
        throw CLI::ValidationError(
            "--time", "expected a duration such as 90s, 10m or 1h (at most a week), got '" + text + "'");
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(value * scale * 1000.0));
}

}  // namespace

std::shared_ptr<FuzzCommand> setup_fuzz(CLI::App& app) {
    auto command = std::make_shared<FuzzCommand>();
    fuzz::FuzzOptions& options = command->options;
    CLI::App* sub = app.add_subcommand(
        "fuzz",
        "Search for inputs on which the candidate and the reference diverge: structure-aware mutants of the "
        "corpus's recorded inputs, run through both paths; each divergence shrunk to a minimal repro "
        "(docs/fuzz.md).\n"
        "  parity fuzz corpora/imports-sample --time 10m --seed 1 --out reports/fuzz");
    sub->add_option("corpus", options.run.corpus, "Corpus whose recorded inputs are mutated")
        ->required()
        ->check(CLI::ExistingDirectory);
    add_run_options(*sub, options.run);
    sub->add_option_function<std::string>(
        "--time", [&options](const std::string& text) { options.time = parse_duration(text); },
        "How long to search, e.g. 90s, 10m, 1h (default 10m); shrinking comes after");
    sub->add_option("--seed", options.seed, "Seed: the same seed gives the same mutants")
        ->capture_default_str();
    sub->add_option("--runs", options.max_runs, "Stop after this many mutants");
    sub->add_option("--max-findings", options.max_findings,
                    "Stop after this many distinct findings (a kind of difference at a field path)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
        ->capture_default_str();
    sub->add_option("--stack", options.max_stacked_mutations, "Mutations per mutant, at most")
        ->check(CLI::Range(1, 16))
        ->capture_default_str();
    sub->add_flag_callback(
        "--no-shrink", [&options] { options.shrink = false; }, "Keep findings as found");
    sub->add_option("--shrink-runs", options.shrink_limits.max_tests, "Runs per finding's shrinking, at most")
        ->capture_default_str();
    sub->add_option("--out", options.out, "Output folder (default: reports/fuzz-<corpus>-<UTC timestamp>)");
    sub->callback([command] { finish_run_options(command->options.run); });
    return command;
}

ExitCode run_fuzz(FuzzCommand& command) {
    fuzz::FuzzOptions& options = command.options;
    std::filesystem::path corpus_folder = std::filesystem::absolute(options.run.corpus).lexically_normal();
    if (corpus_folder.filename().empty())
        corpus_folder = corpus_folder.parent_path();
    const std::filesystem::path out =
        options.out.value_or(harness::timestamped_report_folder("fuzz-" + corpus_folder.filename().string()));
    return run_reporting_errors("fuzz", [&]() -> ExitCode {
        replay::prepare_report_folder(out, "parity fuzz", std::cerr);
        fuzz::FuzzSession session(options.run, options.seed);
        for (const auto& problem : session.fixture_problems()) {
            std::cerr << "parity fuzz: warning: " << problem << "\n";
        }
        const fuzz::FuzzResult result = fuzz::run_fuzz(options, session, std::cerr);
        const fuzz::FindingsOrigin origin{"parity fuzz", command.command_line, options.seed};
        const auto not_in_corpus = fuzz::write_findings(out, options.run, session, result.findings, origin);
        fuzz::write_fuzz_report(out, options, session, result.stats, result.findings, not_in_corpus, origin);
        std::cout << "parity fuzz: " << result.stats.runs << " mutants, " << result.findings.size()
                  << " finding(s); report " << (out / "fuzz.md").string() << "\n";
        for (const auto& finding : result.findings) {
            std::cout << "  " << finding.id << ": " << finding.divergence.key() << ", input "
                      << finding.original_bytes << " -> " << finding.bytes << " bytes, "
                      << (out / "repro" / finding.id).string() << "\n";
        }
        if (!result.findings.empty()) {
            std::cout << "Replay the findings: parity replay " << (out / "findings").string() << "\n";
        }
        return result.findings.empty() ? ExitCode::success : ExitCode::differences;
    });
}

}  // namespace parity::cli
