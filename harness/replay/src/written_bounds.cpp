#include "parity/replay/written_bounds.hpp"

#include <utility>

#include "parity/bounds/bound_value.hpp"
#include "parity/bounds/canonical_text.hpp"
#include "parity/bounds/value_summary.hpp"

namespace parity::replay {
namespace {

/// The four files of a bundle: request.jsonl, reference.json, candidate.json, diff.json.
constexpr std::uint64_t bundle_files = 4;

nlohmann::json bounded(nlohmann::json value, std::size_t depth, std::uint64_t bytes,
                       std::uint64_t& depth_hits, std::uint64_t& size_hits) {
    bounds::Bounded result = bounds::bound_value(std::move(value), bounds::ValueBounds{depth, bytes});
    depth_hits += result.depth_hits;
    size_hits += result.size_hits;
    return std::move(result.value);
}

}  // namespace

Limits limits_report(const ReplayOptions& options, const LimitHits& hits) {
    return Limits{
        {options.max_output_depth, hits.output_depth}, {options.max_output_bytes, hits.output_bytes},
        {options.max_value_bytes, hits.value_bytes},   {options.max_written_depth, hits.written_depth},
        {options.max_bundle_bytes, hits.bundle_bytes}, {options.max_report_bytes, hits.report_bytes}};
}

void count_output_bounds(const workers::JobResult& job, LimitHits& hits) {
    const auto count = [&hits](const workers::PathResult& path) {
        hits.output_depth += path.summarised_for_depth;
        hits.output_bytes += path.summarised_for_size;
    };
    count(job.reference);
    count(job.candidate);
    for (const auto& noise : job.noise)
        count(noise);
}

nlohmann::json bounded_for_writing(nlohmann::json value, const ReplayOptions& options, LimitHits& hits) {
    return bounded(std::move(value), options.max_written_depth, options.max_value_bytes, hits.written_depth,
                   hits.value_bytes);
}

void bound_for_writing(std::vector<diff::Difference>& differences, const ReplayOptions& options,
                       LimitHits& hits) {
    for (auto& difference : differences) {
        difference.reference = bounded_for_writing(std::move(difference.reference), options, hits);
        difference.candidate = bounded_for_writing(std::move(difference.candidate), options, hits);
    }
}

void bound_bundle(ReproContent& content, const std::string& corpus_location, const ReplayOptions& options,
                  LimitHits& hits) {
    const std::uint64_t share = options.max_bundle_bytes / bundle_files;
    content.max_file_bytes = share;
    if (content.request_line.size() + 1 > share) {
        content.request_summary =
            nlohmann::json{{"in_corpus", corpus_location},
                           {"line", bounds::summary_json(bounds::summarise_string(content.request_line))}};
        content.request_line.clear();
        ++hits.bundle_bytes;
    }
    for (nlohmann::json* outcome : {&content.reference, &content.candidate}) {
        *outcome = bounded(std::move(*outcome), options.max_written_depth, share, hits.written_depth,
                           hits.bundle_bytes);
    }
    std::uint64_t written = 2;  // the array's brackets
    for (std::size_t i = 0; i < content.differences.size(); ++i) {
        const diff::Difference& difference = content.differences[i];
        written += bounds::canonical_size(difference.reference) +
                   bounds::canonical_size(difference.candidate) + difference.pointer.size() +
                   difference.candidate_pointer.size() + difference.pattern.size() +
                   difference.detail.size() + 1;
        if (written > share) {
            content.differences_not_written = content.differences.size() - i;
            content.differences.resize(i);
            ++hits.bundle_bytes;
            return;
        }
    }
}

}  // namespace parity::replay
