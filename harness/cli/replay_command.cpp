#include "replay_command.hpp"

#include <iostream>

#include "build_tree_python_path.hpp"
#include "parity/diff/rules.hpp"
#include "parity/platform/cpu_budget.hpp"
#include "parity/replay/adapter_modules.hpp"
#include "parity/replay/replay_runner.hpp"
#include "parity/replay/report_folder.hpp"
#include "parity/replay/report_writer.hpp"
#include "parity/reports/report_files.hpp"
#include "parity/workers/job.hpp"
#include "parity/workers/pool_config.hpp"
#include "replay_bound_options.hpp"
#include "run_options.hpp"

namespace parity::cli {
namespace {

using harness::ExitCode;
using replay::BaselineSummary;

/// `parity bench --baseline`'s timed runs per request, unless --repeat says otherwise.
constexpr std::size_t bench_repeat_with_baseline = 5;

/// An OK about an incomplete corpus says so in the same line.
std::string corpus_caveat(const replay::ReplayResult& result) {
    const std::size_t problems = result.corpus_problems.size();
    if (problems == 0)
        return {};
    return ", but the corpus is incomplete (" + std::to_string(problems) +
           (problems == 1 ? " problem" : " problems") + ", in report.json's corpus.problems)";
}

ExitCode exit_code_for(const replay::ReplayResult& result, std::ostream& out) {
    const replay::Summary& s = result.summary;
    const std::uint64_t failing = s.mismatched + s.crashes + s.timeouts + s.candidate_unavailable;
    if (result.options.strict && (s.skipped > 0 || !result.fixture_problems.empty())) {
        out << "parity: NOT OK: " << s.skipped << " request(s) skipped and " << result.fixture_problems.size()
            << " fixture problem(s) under --strict\n";
        return ExitCode::usage_or_input;
    }
    // The reference no longer gives the answer production recorded: nothing it agrees with is evidence.
    if (s.reference_drift > 0) {
        out << "parity: REFERENCE DRIFT: the replayed reference differs from the recorded outcome on "
            << s.reference_drift << " of " << s.recorded_checked
            << " requests checked against the recording\n";
    }
    if (failing > 0) {
        out << "parity: DIFFERENCES: " << failing << " of " << s.requests
            << " requests differ, crashed, timed out or had no candidate\n";
        return ExitCode::differences;
    }
    if (s.reference_drift > 0)
        return ExitCode::differences;
    if (s.compared == 0) {
        out << "parity: NOTHING COMPARED: "
            << (result.options.request_id ? "no valid request with id " + *result.options.request_id
                                          : std::string("no request could be run through both paths"))
            << "\n";
        return ExitCode::usage_or_input;
    }
    if (const auto& baseline = result.baseline) {
        const BaselineSummary& b = baseline->summary;
        const std::uint64_t differing = b.mismatched + b.crashes + b.timeouts + b.unavailable;
        if (differing > 0) {
            // Not this command's failure: the gate's require_baseline_parity judges it (a port may mean to
            // change an output the live build got wrong).
            out << "parity: BASELINE DIFFERENCES: " << differing << " of " << b.compared
                << " compared requests differ from the baseline, or it did not run on them\n";
        }
    }
    out << "parity: OK: all " << s.compared << " compared requests match"
        << (s.skipped ? " (" + std::to_string(s.skipped) + " skipped)" : std::string())
        << corpus_caveat(result) << "\n";
    return ExitCode::success;
}

}  // namespace

std::shared_ptr<replay::ReplayOptions> setup_replay(CLI::App& app, ReplayFlavour flavour) {
    auto options = std::make_shared<replay::ReplayOptions>();
    const bool bench = flavour == ReplayFlavour::bench;
    CLI::App* command =
        bench ? app.add_subcommand("bench", "Time a recorded corpus through the reference and the candidate: "
                                            "parity replay with timing-first defaults (--jobs 1 --pin-cpus "
                                            "--noise-runs 0 --repeat 3 --warmup 5); outputs are still compared.")
              : app.add_subcommand("replay", "Replay a recorded corpus through the reference and the candidate, "
                                             "diff every output field by field, time both, and write a report "
                                             "(report.json/md/html, junit.xml, benchmark.json, repro bundles).");
    command->add_option("corpus", options->corpus, "Corpus folder (with manifest.json)")
        ->required()
        ->check(CLI::ExistingDirectory);
    command->add_option("--reference", options->reference, "Reference adapter MODULE:ATTR (default: the manifest's)");
    command->add_option("--candidate", options->candidate, "Candidate adapter MODULE:ATTR (default: the manifest's)");
    CLI::Option* baseline = command->add_option(
        "--baseline", options->baseline,
        "Baseline adapter MODULE:ATTR: a third path, typically the candidate's module from the "
        "build that is live now, run in worker processes of its own and interleaved per "
        "request; reported as candidate / baseline and diffed against the candidate");
    command
        ->add_option("--baseline-path", options->baseline_path,
                     "Folder put first on the baseline workers' sys.path (repeatable): the previous build's "
                     "python folder, an unpacked wheel or a site-packages directory")
        ->check(CLI::ExistingDirectory)
        ->needs(baseline);
    command->add_option("--rules", options->rules_file, "Diff rules, JSON (docs/diff-rules.md); default: exact")
        ->check(CLI::ExistingFile);
    // One worker per CPU this process may keep busy: more would take turns on the CPUs there are (a CI
    // container's cpuset or quota), and a timed call that loses its CPU measures the wait.
    options->jobs = bench ? 1u : platform::usable_cpus();
    if (bench) {
        options->noise_runs = 0;
        options->repeat = 3;
        options->warmup = 5;
        options->pin_cpus = true;
    }
    command->add_option("--jobs,-j", options->jobs, "Worker processes")->check(CLI::Range(1u, 256u))
        ->capture_default_str();
    command->add_option_function<double>(
               "--timeout",
               [options](double seconds) {
                   options->timeout = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
               },
               "Seconds one path may take on one request before it is killed (default 10)")
        ->check(CLI::PositiveNumber);
    command->add_option("--limit", options->limit, "Replay at most N requests");
    command->add_option("--id", options->request_id, "Replay only the request with this id");
    command->add_option_function<std::string>(
        "--shard",
        [options](const std::string& text) {
            std::string error;
            const auto shard = replay::Shard::parse(text, error);
            if (!shard) throw CLI::ValidationError("--shard", error);
            options->shard = *shard;
        },
        "Replay only shard I of N (1-based), e.g. 2/4");
    command->add_option("--out", options->out, "Report folder (default: reports/<corpus>-<UTC timestamp>)");
    command->add_flag("--strict", options->strict, "Any skipped request or broken fixture fails the run (exit 2)");
    command->add_flag("--allow-incomplete", options->allow_incomplete,
                      "Replay a corpus whose manifest lists segments that are missing (default: exit 2); the "
                      "report is marked incomplete");
    command
        ->add_option("--allow-modules", options->allowed_modules,
                     "Import only adapters in these modules, PREFIX[,PREFIX] (e.g. importer.); any other "
                     "adapter is refused, exit 2, before anything is imported")
        ->delimiter(',');
    command->add_option("--noise-runs", options->noise_runs,
                        "Extra reference runs per request to find nondeterministic fields (default: 1 up to "
                        "10,000 requests, else 0)")
        ->check(CLI::Range(0, 10));
    command->add_option("--seed", options->seed, "Seed of the per-request random path order")->capture_default_str();
    command->add_option("--python-path", options->python_path,
                        "Folder to put on the workers' sys.path (repeatable; PYTHONPATH is honoured too)");
    add_python_option(*command, options->python_executable);
    command->add_option("--examples", options->examples_per_field, "Examples kept per differing field")
        ->capture_default_str();
    command->add_flag("--quiet,-q", options->quiet, "No progress output");
    command->add_option("--warmup", options->warmup, "Jobs per worker compared but not timed")->capture_default_str();
    CLI::Option* repeat =
        command
            ->add_option("--repeat", options->repeat,
                         bench ? "Timed runs of each request (the first is also compared); default 3, or "
                                 "5 with --baseline (docs/gate.md, 'Calibration')"
                               : "Timed runs of each request (the first is also compared)")
            ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
            ->capture_default_str();
    command->add_flag("--pin-cpus,!--no-pin-cpus", options->pin_cpus, "Pin worker i to CPU i (steadier timings)");
    command->add_flag("--trace-python-memory", options->trace_python_memory,
                      "Measure Python heap growth per path with tracemalloc (slows Python paths)");
    command->add_option("--bootstrap-resamples", options->bootstrap_resamples,
                        "Resamples for the confidence intervals")
        ->check(CLI::Range(std::size_t{100}, std::size_t{100000}))
        ->capture_default_str();
    command->add_option_function<std::string>(
        "--ported-stage",
        [options](const std::string& name) {
            if (name.empty() || name.size() > workers::max_stage_name_bytes) {
                throw CLI::ValidationError("--ported-stage",
                                           "a stage name is 1 to " +
                                               std::to_string(workers::max_stage_name_bytes) +
                                               " bytes, as the adapters' stages() name them");
            }
            options->ported_stage = name;
        },
        "The stage (as the adapters' stages() name it) whose port the report bounds: its share of the "
        "reference's time, the Amdahl bound, its own and the whole call's speedup (docs/latency.md)");
    add_bound_options(*command, options);
    command->callback([options, bench, repeat] {
        options->default_python_path = build_tree_python_path();
        // Against a baseline the ratios sit near 1, and a 10 % slowdown must stand out of the noise: with 3
        // runs per request it did in 18 of 20 calibration runs, short of 19 (bench/LOG.md, 2026-12-07).
        if (bench && options->baseline && repeat->count() == 0)
            options->repeat = bench_repeat_with_baseline;
    });
    return options;
}

ExitCode run_replay(const replay::ReplayOptions& options) {
    replay::ReplayResult result;
    try {
        result = replay::run_replay(options, std::cerr);
    } catch (const replay::CorpusFormatError& error) {
        std::cerr << "parity replay: " << error.what() << '\n';
        return ExitCode::usage_or_input;
    } catch (const diff::RulesError& error) {
        std::cerr << "parity replay: " << error.what() << '\n';
        return ExitCode::usage_or_input;
    } catch (const replay::AdapterNotAllowedError& error) {
        std::cerr << "parity replay: " << error.what() << '\n';
        return ExitCode::usage_or_input;
    } catch (const replay::ReportFolderError& error) {
        std::cerr << "parity replay: --out " << error.what() << '\n';
        return ExitCode::usage_or_input;
    }
    replay::write_report(result);
    reports::write_all(result.out);  // report.md, report.html, junit.xml, benchmark.json
    replay::print_summary(result, std::cout);
    return exit_code_for(result, std::cout);
}

}  // namespace parity::cli
