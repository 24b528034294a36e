#include "replay_bound_options.hpp"

#include <cstdint>

#include "parity/bounds/value_summary.hpp"

namespace parity::cli {

void add_bound_options(CLI::App& command, const std::shared_ptr<replay::ReplayOptions>& options) {
    const auto at_least_a_summary = CLI::Range(bounds::max_summary_bytes, std::uint64_t{1} << 40);
    const auto depth = CLI::Range(std::size_t{1}, std::size_t{10'000});
    command
        .add_option("--max-output-depth", options->max_output_depth,
                    "Containers an adapter's output nests deeper are sent back from the worker as their "
                    "summary (length, sha256, head, tail)")
        ->check(depth)
        ->capture_default_str();
    command
        .add_option("--max-output-bytes", options->max_output_bytes,
                    "Bytes of one output (its compact JSON) a worker sends back; parts beyond are sent as "
                    "their summaries")
        ->check(at_least_a_summary)
        ->capture_default_str();
    command
        .add_option("--max-value-bytes", options->max_value_bytes,
                    "Bytes of one value written in an example or a repro bundle's diff.json; larger values "
                    "are written as their summaries")
        ->check(at_least_a_summary)
        ->capture_default_str();
    command
        .add_option("--max-written-depth", options->max_written_depth,
                    "Nesting of a value written in report.json or a repro bundle; deeper containers are "
                    "written as their summaries")
        ->check(depth)
        ->capture_default_str();
    command
        .add_option("--max-bundle-bytes", options->max_bundle_bytes,
                    "Bytes of one repro bundle (a quarter each for the request, the two outcomes and the "
                    "differences)")
        ->check(CLI::Range(4 * bounds::max_summary_bytes + 4096, std::uint64_t{1} << 40))
        ->capture_default_str();
    command
        .add_option("--max-report-bytes", options->max_report_bytes,
                    "Bytes of report.json; beyond, examples are left out first (the counts stay whole)")
        ->check(CLI::Range(std::uint64_t{64} << 10, std::uint64_t{1} << 40))
        ->capture_default_str();
}

}  // namespace parity::cli
