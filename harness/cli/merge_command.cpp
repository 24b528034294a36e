#include "merge_command.hpp"

#include <iostream>

#include "parity/replay/report_folder.hpp"
#include "parity/replay/report_merge.hpp"
#include "parity/reports/report_files.hpp"

namespace parity::cli {

std::shared_ptr<MergeOptions> setup_merge(CLI::App& app) {
    auto options = std::make_shared<MergeOptions>();
    CLI::App* command = app.add_subcommand(
        "merge", "Combine the report folders of `parity replay --shard I/N` runs into one report, as if one run "
                 "had replayed the whole corpus (counts summed, latency recomputed from every sample).");
    command->add_option("shards", options->shard_dirs, "Report folders of the shards")
        ->required()
        ->check(CLI::ExistingDirectory);
    command->add_option("--out", options->out, "Folder for the merged report")->required();
    command->add_flag(
        "--allow-partial", options->allow_partial,
        "Merge even with shards missing; the report is marked incomplete (the gate never says GO)");
    return options;
}

harness::ExitCode run_merge(const MergeOptions& options) {
    try {
        replay::merge_reports(options.shard_dirs, options.out, options.allow_partial, std::cerr);
    } catch (const replay::MergeError& error) {
        std::cerr << "parity merge: " << error.what() << '\n';
        return harness::ExitCode::usage_or_input;
    } catch (const replay::ReportFolderError& error) {
        std::cerr << "parity merge: --out " << error.what() << '\n';
        return harness::ExitCode::usage_or_input;
    }
    reports::write_all(options.out);
    std::cout << "parity merge: " << options.shard_dirs.size() << " shard reports merged into "
              << (options.out / "report.json").string() << '\n';
    return harness::ExitCode::success;
}

}  // namespace parity::cli
