#include "parity/replay/report_merge.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "parity/replay/latency_recorder.hpp"
#include "parity/replay/report_folder.hpp"
#include "parity/replay/report_model.hpp"
#include "parity/replay/report_size_cap.hpp"
#include "shard_set.hpp"

namespace parity::replay {
namespace {

/// Examples kept per pattern when shards' lists are merged: what one replay keeps by default.
constexpr std::size_t merged_examples = 3;

/// A shard's report, read strictly: a merge of partial evidence would look whole.
Report load_shard(const std::filesystem::path& dir) {
    try {
        return load_report(dir / "report.json");
    } catch (const harness::ModelError& error) {
        throw MergeError(error.what());
    }
}

void add_field(FieldReport& target, const FieldReport& field) {
    target.count += field.count;
    target.requests += field.requests;
    for (const auto& [kind, count] : field.types)
        target.types[kind] += count;
    for (const auto& example : field.examples) {
        if (target.examples.size() < merged_examples)
            target.examples.push_back(example);
    }
}

void add_field(NondeterministicField& target, const NondeterministicField& field) {
    add_field(static_cast<FieldReport&>(target), field);
    target.candidate_differences_not_counted += field.candidate_differences_not_counted;
}

/// Merges per-pattern field lists: counts and kinds summed, examples kept up to merged_examples, the
/// rate recomputed; most requests first (patterns with as many in the order first seen).
template <typename Field>
std::vector<Field> merge_fields(const std::vector<const std::vector<Field>*>& lists, std::uint64_t compared) {
    std::vector<Field> merged;
    std::map<std::string, std::size_t> position;
    for (const auto* list : lists) {
        for (const auto& field : *list) {
            const auto [found, fresh] = position.try_emplace(field.pattern, merged.size());
            if (fresh)
                merged.push_back(field);
            else
                add_field(merged[found->second], field);
        }
    }
    for (auto& field : merged) {
        field.rate = compared ? static_cast<double>(field.requests) / static_cast<double>(compared) : 0.0;
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [](const Field& a, const Field& b) { return a.requests > b.requests; });
    return merged;
}

workers::PathResult path_of(const nlohmann::json& timing) {
    workers::PathResult path;
    path.status = workers::PathStatus::ok;
    path.wall_ns = timing.value("wall_ns", std::int64_t{0});
    path.cpu_ns = timing.value("cpu_ns", std::int64_t{0});
    path.process_cpu_ns = timing.value("process_cpu_ns", path.cpu_ns);  // older shards: the thread's
    if (const auto stages = timing.find("stages"); stages != timing.end() && stages->is_array()) {
        for (const auto& stage : *stages) {
            if (stage.is_array() && stage.size() == 2 && stage[0].is_string() && stage[1].is_number())
                path.stages.push_back({stage[0].get<std::string>(), stage[1].get<double>()});
        }
    }
    path.rss_delta_bytes = timing.value("rss_delta_bytes", std::int64_t{0});
    return path;
}

/// Refuses an --out that would be emptied while it holds (or is) one of the shards being merged.
void check_out_is_apart(const std::vector<std::filesystem::path>& shard_dirs,
                        const std::filesystem::path& out) {
    const auto target = std::filesystem::weakly_canonical(std::filesystem::absolute(out));
    for (const auto& dir : shard_dirs) {
        const auto shard = std::filesystem::weakly_canonical(std::filesystem::absolute(dir));
        const auto [end, unused] = std::mismatch(target.begin(), target.end(), shard.begin(), shard.end());
        if (end == target.end()) {
            throw MergeError(out.string() +
                             ": --out would be emptied for the merged report, but it holds the "
                             "shard " +
                             dir.string());
        }
    }
}

/// The shards' comparisons with the recording: drift fields merged as "fields", the redacted paths
/// ignored (the same corpus's, so the same in every shard) listed once.
RecordedComparisons merge_recorded(const std::vector<Report>& reports, std::uint64_t recorded_checked) {
    std::vector<const std::vector<FieldReport>*> drift;
    std::vector<const std::vector<FieldReport>*> candidate;
    RecordedComparisons merged;
    std::set<std::string> redactions;
    for (const Report& report : reports) {
        drift.push_back(&report.recorded.reference_drift);
        candidate.push_back(&report.recorded.candidate_vs_recorded);
        for (const auto& ignore : report.recorded.ignored) {
            if (redactions.insert(ignore.redaction).second)
                merged.ignored.push_back(ignore);
        }
    }
    merged.reference_drift = merge_fields(drift, recorded_checked);
    merged.candidate_vs_recorded = merge_fields(candidate, recorded_checked);
    return merged;
}

/// The shards' baseline sections as one: all shards ran the same baseline, or none did.
std::optional<BaselineReport> merge_baseline(const std::vector<Report>& reports,
                                             const std::vector<std::filesystem::path>& shard_dirs) {
    const auto& first = reports.front().baseline;
    for (std::size_t i = 1; i < reports.size(); ++i) {
        const auto& other = reports[i].baseline;
        if (first.has_value() != other.has_value() ||
            (first && (first->adapter != other->adapter || first->python_path != other->python_path))) {
            throw MergeError(shard_dirs[i].string() + ": its baseline (" +
                             (other ? other->adapter : std::string("none")) + ") is not the first shard's (" +
                             (first ? first->adapter : std::string("none")) + ")");
        }
    }
    if (!first)
        return std::nullopt;
    BaselineReport merged = *first;
    merged.summary = {};
    std::vector<const std::vector<FieldReport>*> fields;
    std::set<std::string> problems, ids;
    for (const auto& report : reports) {
        merged.summary += report.baseline->summary;
        fields.push_back(&report.baseline->fields);
        problems.insert(report.baseline->problems.begin(), report.baseline->problems.end());
        ids.insert(report.baseline->requests_with_differences.begin(),
                   report.baseline->requests_with_differences.end());
    }
    merged.fields = merge_fields(fields, merged.summary.compared);
    merged.problems.assign(problems.begin(), problems.end());
    merged.requests_with_differences.assign(ids.begin(), ids.end());
    return merged;
}

}  // namespace

void merge_reports(const std::vector<std::filesystem::path>& shard_dirs, const std::filesystem::path& out,
                   bool allow_partial, std::ostream& log) {
    if (shard_dirs.empty())
        throw MergeError("nothing to merge");
    std::vector<Report> reports;
    for (const auto& dir : shard_dirs)
        reports.push_back(load_shard(dir));
    const detail::ShardCoverage coverage = detail::check_shard_set(reports, shard_dirs, allow_partial);
    check_out_is_apart(shard_dirs, out);
    prepare_report_folder(out, "parity merge", log);
    if (!coverage.missing.empty()) {
        log << "parity merge: " << coverage.missing.size() << " of " << coverage.count
            << " shards missing (--allow-partial): the merged report is marked incomplete\n";
    }

    // Every shard report was read strictly, so each has its options and latency.
    const Report& first = reports.front();
    Report merged = first;
    Summary summary;
    std::vector<const std::vector<FieldReport>*> fields;
    std::vector<const std::vector<NondeterministicField>*> noise;
    std::vector<OutcomeRecord> outcomes;
    std::set<std::string> ids, fixture_problems, adapter_problems, warnings, noisy_patterns;
    std::uint64_t outcomes_not_listed = 0;
    double duration = 0;
    std::vector<ShardFolder> shards;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const Report& report = reports[i];
        summary += report.summary;
        fields.push_back(&report.fields);
        noise.push_back(&report.nondeterministic);
        // Each outcome's repro folder is copied below under the same relative path.
        outcomes.insert(outcomes.end(), report.outcomes.begin(), report.outcomes.end());
        outcomes_not_listed += report.outcomes_not_listed;
        ids.insert(report.requests_with_differences.begin(), report.requests_with_differences.end());
        fixture_problems.insert(report.problems.fixtures.begin(), report.problems.fixtures.end());
        adapter_problems.insert(report.problems.adapters.begin(), report.problems.adapters.end());
        warnings.insert(report.warnings.begin(), report.warnings.end());
        for (const auto& field : report.nondeterministic)
            noisy_patterns.insert(field.pattern);
        duration = std::max(duration, report.duration_s);
        shards.push_back({std::filesystem::absolute(shard_dirs[i]).string(), report.options->shard});
        if (std::filesystem::exists(shard_dirs[i] / "repro")) {
            std::filesystem::copy(
                shard_dirs[i] / "repro", out / "repro",
                std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
        }
    }
    summary.nondeterministic_fields = noisy_patterns.size();
    merged.summary = summary;
    merged.fields = merge_fields(fields, summary.compared);
    merged.nondeterministic = merge_fields(noise, summary.compared);
    merged.outcomes = std::move(outcomes);
    merged.outcomes_not_listed = outcomes_not_listed;
    merged.requests_with_differences.assign(ids.begin(), ids.end());
    merged.problems = Problems{{fixture_problems.begin(), fixture_problems.end()},
                               {adapter_problems.begin(), adapter_problems.end()}};
    merged.duration_s = duration;
    merged.options->shard = "merged";
    merged.corpus.problems = detail::merged_corpus_problems(reports, coverage);
    merged.corpus.complete = merged.corpus.problems.empty();
    merged.shards = std::move(shards);
    merged.recorded = merge_recorded(reports, summary.recorded_checked);
    merged.baseline = merge_baseline(reports, shard_dirs);

    // Latency from every shard's timed samples, as one run would have computed it.
    LatencyOptions options;
    options.warmup_per_worker = 0;  // the shards already left their warm-ups out ("timed": false)
    options.bootstrap.resamples = first.latency->bootstrap_resamples;
    options.bootstrap.seed = first.latency->bootstrap_seed;
    options.aa = first.reference == first.candidate;
    LatencyRecorder latency(options);
    std::ofstream results(out / "results.jsonl", std::ios::binary | std::ios::trunc);
    double timer_overhead = 0;
    std::uint64_t repeat = 1;
    std::uint64_t warmup_discarded = 0;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        timer_overhead = std::max(timer_overhead, reports[i].latency->timer_overhead_ns);
        repeat = std::max(repeat, reports[i].latency->repeat);
        warmup_discarded += reports[i].latency->warmup_discarded;
        std::ifstream lines(shard_dirs[i] / "results.jsonl", std::ios::binary);
        std::string line;
        while (std::getline(lines, line)) {
            results << line << '\n';
            const auto entry = nlohmann::json::parse(line, nullptr, false);
            if (entry.is_discarded())
                continue;
            latency.note_worker_rss(entry.value("worker", 0),
                                    entry.value("worker_rss_bytes", std::int64_t{0}));
            if (entry.value("timed", false)) {
                std::optional<workers::PathResult> baseline;
                if (entry.contains("baseline"))
                    baseline = path_of(entry["baseline"]);
                latency.add(0, path_of(entry["reference"]), path_of(entry["candidate"]), baseline);
            }
        }
    }
    std::vector<std::string> latency_warnings(warnings.begin(), warnings.end());
    merged.stages = latency.stages(first.options->ported_stage, latency_warnings);
    merged.latency = latency.latency(timer_overhead, repeat, latency_warnings);
    merged.latency->warmup_discarded = warmup_discarded;
    merged.memory = latency.memory();
    const std::set<std::string> all_warnings(latency_warnings.begin(), latency_warnings.end());
    merged.warnings.assign(all_warnings.begin(), all_warnings.end());
    merge_limits(merged, reports);

    save_report(merged, out / "report.json");
}

}  // namespace parity::replay
