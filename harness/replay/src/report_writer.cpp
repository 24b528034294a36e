#include "parity/replay/report_writer.hpp"

#include <cstdio>
#include <utility>

#include "parity/harness/version.hpp"
#include "parity/replay/report_size_cap.hpp"
#include "parity/replay/repro_bundle.hpp"
#include "parity/replay/written_bounds.hpp"

namespace parity::replay {
namespace {

/// The console shows this many differing fields; report.json has them all.
constexpr std::size_t console_fields = 10;
/// Values in console lines are cut to this many characters.
constexpr std::size_t console_value_chars = 80;

double rate(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

DifferenceExample example_report(const FieldExample& example) {
    const diff::Difference& difference = example.difference;
    DifferenceExample written{std::string(diff::to_string(difference.kind)),
                              difference.pointer,
                              difference.pattern,
                              json_safe(difference.reference),
                              json_safe(difference.candidate),
                              difference.detail,
                              example.request_id,
                              std::nullopt,
                              example.repro};
    if (!example.input.is_null())
        written.input = json_safe(example.input);
    return written;
}

FieldReport field_report(const FieldStats& field, std::uint64_t compared) {
    FieldReport written{
        field.pattern, field.differences, field.requests, rate(field.requests, compared), field.kinds, {}};
    for (const auto& example : field.examples)
        written.examples.push_back(example_report(example));
    return written;
}

RunOptions run_options(const ReplayResult& result) {
    const ReplayOptions& o = result.options;
    RunOptions options;
    options.jobs = o.jobs;
    options.timeout_s = static_cast<double>(o.timeout.count()) / 1000.0;
    options.noise_runs = result.noise_runs;
    options.seed = o.seed;
    options.strict = o.strict;
    options.shard = o.shard.to_string();
    options.warmup = o.warmup;
    options.repeat = o.repeat;
    options.pin_cpus = o.pin_cpus;
    options.trace_python_memory = o.trace_python_memory;
    options.limit = o.limit;
    options.id = o.request_id;
    if (o.rules_file)
        options.rules = std::filesystem::absolute(*o.rules_file).string();
    options.ported_stage = o.ported_stage;
    return options;
}

std::string cut(const std::string& text) {
    return text.size() <= console_value_chars ? text : text.substr(0, console_value_chars) + "…";
}

std::string milliseconds(double nanoseconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", nanoseconds / 1e6);
    return text;
}

std::string times(const SpeedupRatio& ratio) {
    char text[64];
    std::snprintf(text, sizeof text, "%.1fx [%.1f, %.1f]", ratio.value, ratio.ci_low, ratio.ci_high);
    return text;
}

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * fraction);
    return text;
}

/// "1.032 [1.011, 1.054]": a ratio near 1 needs more digits than a speedup.
std::string ratio_text(const SpeedupRatio& ratio) {
    char text[96];
    std::snprintf(text, sizeof text, "%.3f [%.3f, %.3f]", ratio.value, ratio.ci_low, ratio.ci_high);
    return text;
}

/// Latency table: per path p50/p95/p99/max in ms, then the speedups with their 95 % intervals.
void print_latency(const ReplayResult& result, std::ostream& out) {
    const Latency& latency = result.latency;
    if (!latency.paths || !latency.speedup)
        return;
    out << "  latency, ms (" << latency.samples << " paired samples, " << latency.warmup_discarded
        << " warm-up discarded; timed in the worker around run())\n"
        << "               p50       p95       p99       max\n";
    std::vector<std::pair<const char*, const PathTimings*>> paths = {
        {"reference", &latency.paths->reference}, {"candidate", &latency.paths->candidate}};
    if (latency.paths->baseline)
        paths.emplace_back("baseline", &*latency.paths->baseline);
    for (const auto& [name, path] : paths) {
        const TimeSummary& wall = path->wall;
        char line[160];
        std::snprintf(line, sizeof line, "    %-9s %9s %9s %9s %9s\n", name,
                      milliseconds(wall.p50_ns).c_str(), milliseconds(wall.p95_ns).c_str(),
                      milliseconds(wall.p99_ns).c_str(), milliseconds(wall.max_ns).c_str());
        out << line;
    }
    const Speedups& speedup = *latency.speedup;
    out << "  speedup (reference / candidate, 95 % CI): p50 " << times(speedup.p50) << ", p95 "
        << times(speedup.p95) << ", p99 " << times(speedup.p99) << "\n";
    if (const auto& ratio = latency.vs_baseline) {
        out << "  candidate / baseline (above 1: slower; 95 % CI, " << ratio->samples << " paired runs): p50 "
            << ratio_text(ratio->p50) << ", p95 " << ratio_text(ratio->p95) << ", p99 "
            << ratio_text(ratio->p99) << "\n";
    }
    if (const auto& detectable = latency.minimum_detectable_slowdown) {
        const auto line = [&](const char* against, const DetectableSlowdowns& d) {
            out << "  minimum detectable slowdown vs " << against << " (95 % confidence, 95 % power): p50 "
                << percent(d.p50) << ", p95 " << percent(d.p95) << ", p99 " << percent(d.p99) << "\n";
        };
        line("reference", detectable->vs_reference);
        if (detectable->vs_baseline)
            line("baseline", *detectable->vs_baseline);
    }
}

/// Where the time goes: each path's stages as shares of its wall time, and --ported-stage's figures.
void print_stages(const ReplayResult& result, std::ostream& out) {
    if (!result.stages)
        return;
    out << "  where the time goes (share of the summed wall time of the timed runs):\n";
    for (const auto& [name, path] : {std::pair{"reference", &result.stages->reference},
                                     std::pair{"candidate", &result.stages->candidate}}) {
        std::string line;
        for (const auto& stage : path->stages)
            line += stage.name + " " + percent(stage.share) + ", ";
        out << "    " << name << ": " << line << "outside the stages " << percent(path->outside_share)
            << "\n";
    }
    if (const auto& ported = result.stages->ported) {
        const auto ratio = [](const std::optional<double>& value, const char* otherwise) {
            if (!value)
                return std::string(otherwise);
            char text[32];
            std::snprintf(text, sizeof text, "%.2fx", *value);
            return std::string(text);
        };
        out << "  ported stage " << ported->name << ": " << percent(ported->reference_share)
            << " of the reference's time, Amdahl bound " << ratio(ported->amdahl_bound, "unbounded")
            << "; the stage " << ratio(ported->stage_speedup, "(candidate 0 s)") << " faster, the whole call "
            << ratio(ported->whole_speedup, "") << "; " << percent(ported->candidate_outside_share)
            << " of the candidate's time is outside it\n";
    }
}

/// corpus.problems: the evidence is partial, whatever the counts above say.
void print_corpus_problems(const ReplayResult& result, std::ostream& out) {
    for (std::size_t i = 0; i < result.corpus_problems.size() && i < console_fields; ++i)
        out << "  corpus incomplete: " << result.corpus_problems[i] << "\n";
    if (result.corpus_problems.size() > console_fields)
        out << "  … " << result.corpus_problems.size() - console_fields
            << " more corpus problems in report.json\n";
}

/// Differing fields, most requests first, each with its kinds and one example; at most console_fields.
void print_fields(const std::vector<FieldStats>& fields, std::ostream& out) {
    for (std::size_t i = 0; i < fields.size() && i < console_fields; ++i) {
        const FieldStats& field = fields[i];
        std::string kinds;
        for (const auto& [kind, count] : field.kinds) {
            kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(count);
        }
        out << "    " << (field.pattern.empty() ? "(root)" : field.pattern) << "  " << field.requests
            << " requests  [" << kinds << "]\n";
        if (!field.examples.empty()) {
            const auto& example = field.examples.front();
            out << "      " << example.request_id << " at "
                << (example.difference.pointer.empty() ? "(root)" : example.difference.pointer) << ": "
                << cut(example.difference.detail) << "\n";
        }
    }
    if (fields.size() > console_fields) {
        out << "    … " << fields.size() - console_fields << " more in report.json\n";
    }
}

/// The candidate against the baseline: counts, problems, differing fields.
void print_baseline(const ReplayResult& result, std::ostream& out) {
    if (!result.baseline)
        return;
    const BaselineResult& baseline = *result.baseline;
    const BaselineSummary& s = baseline.summary;
    out << "  baseline   " << baseline.adapter << "\n"
        << "  candidate vs baseline: compared " << s.compared << ", matched " << s.matched << ", mismatched "
        << s.mismatched << ", baseline crashes " << s.crashes << ", timeouts " << s.timeouts
        << ", unavailable " << s.unavailable << "\n";
    for (std::size_t i = 0; i < baseline.problems.size() && i < console_fields; ++i)
        out << "    baseline problem: " << baseline.problems[i] << "\n";
    if (!baseline.fields.empty()) {
        out << "  fields where the candidate differs from the baseline:\n";
        print_fields(baseline.fields, out);
    }
}

/// The replayed outcomes against the recorded ones: counts, redacted paths left out, drifting fields.
void print_recorded(const ReplayResult& result, std::ostream& out) {
    const Summary& s = result.summary;
    out << "  recorded outcomes: " << s.recorded_checked
        << " compared requests checked against the recording; "
        << "reference drift " << s.reference_drift << ", candidate vs recorded " << s.candidate_vs_recorded
        << "\n";
    for (const auto& ignore : result.recorded_ignored) {
        std::string ignored;
        for (const auto& path : ignore.output_paths)
            ignored += (ignored.empty() ? "output " : ", output ") + (path.empty() ? "(root)" : path);
        for (const auto& key : ignore.error_keys)
            ignored += (ignored.empty() ? "error " : ", error ") + key;
        if (!ignored.empty())
            out << "    redacted (" << ignore.action << ") " << ignore.redaction << ": not compared with the "
                << "recording at " << ignored << "\n";
    }
    if (s.reference_drift > 0 && !result.reference_drift.empty()) {
        out << "  reference drift: the replayed reference differs from the recorded outcome "
               "(recorded vs replayed; requests affected, kinds, one example):\n";
        print_fields(result.reference_drift, out);
    }
}

}  // namespace

Report make_report(const ReplayResult& result) {
    const Summary& s = result.summary;
    Report report;
    report.tool.version = std::string(harness::version());
    report.corpus = CorpusInfo{std::filesystem::absolute(result.options.corpus).lexically_normal().string(),
                               result.manifest.kernel,
                               result.manifest.count,
                               result.manifest.service_version,
                               result.manifest.description,
                               result.manifest.recorder,
                               result.corpus_digest,
                               result.corpus_problems.empty(),
                               result.corpus_problems};
    report.reference = result.reference;
    report.candidate = result.candidate;
    report.options = run_options(result);
    report.started = result.started;
    report.finished = result.finished;
    report.duration_s = result.duration_s;
    report.summary = s;
    for (const auto& field : result.fields)
        report.fields.push_back(field_report(field, s.compared));
    for (const auto& field : result.nondeterministic) {
        NondeterministicField noisy;
        static_cast<FieldReport&>(noisy) = field_report(field, s.compared);
        for (const auto& port : result.noisy_candidate_fields) {
            if (port.pattern == field.pattern)
                noisy.candidate_differences_not_counted = port.differences;
        }
        report.nondeterministic.push_back(std::move(noisy));
    }
    report.outcomes = result.outcomes;
    report.outcomes_not_listed = result.outcomes_not_listed;
    report.requests_with_differences = result.requests_with_differences;
    report.problems = Problems{result.fixture_problems, result.adapter_problems};
    report.latency = result.latency;
    report.memory = result.memory;
    report.stages = result.stages;
    report.environment = result.environment;
    report.warnings = result.warnings;
    report.recorded.ignored = result.recorded_ignored;
    for (const auto& field : result.reference_drift)
        report.recorded.reference_drift.push_back(field_report(field, s.recorded_checked));
    for (const auto& field : result.candidate_vs_recorded)
        report.recorded.candidate_vs_recorded.push_back(field_report(field, s.recorded_checked));
    report.limits = limits_report(result.options, result.limit_hits);
    if (const auto& baseline = result.baseline) {
        BaselineReport section{baseline->adapter,  baseline->python_path,
                               baseline->summary,  {},
                               baseline->problems, baseline->requests_with_differences};
        for (const auto& field : baseline->fields)
            section.fields.push_back(field_report(field, baseline->summary.compared));
        report.baseline = std::move(section);
    }
    return report;
}

void write_report(const ReplayResult& result) {
    Report report = make_report(result);
    const std::uint64_t left_out = hold_report_size(report, result.options.max_report_bytes);
    if (left_out > 0 && report.limits) {
        report.limits->report_bytes.hits = left_out;
    }
    save_report(report, result.out / "report.json");
}

void print_summary(const ReplayResult& result, std::ostream& out) {
    const Summary& s = result.summary;
    out << "parity replay " << result.options.corpus.string() << "\n"
        << "  reference  " << result.reference << "\n"
        << "  candidate  " << result.candidate << "\n"
        << "  requests " << s.requests << ": compared " << s.compared << ", matched " << s.matched
        << ", mismatched " << s.mismatched << ", crashes " << s.crashes << ", timeouts " << s.timeouts
        << ", candidate unavailable " << s.candidate_unavailable << ", skipped " << s.skipped << "\n"
        << "  errors raised (compared as outcomes): reference " << s.reference_errors << ", candidate "
        << s.candidate_errors << "\n";
    if (s.nondeterministic_fields > 0) {
        out << "  nondeterministic fields (differ between two reference runs, not counted): "
            << s.nondeterministic_fields << "\n";
        for (const auto& field : result.nondeterministic)
            out << "    " << field.pattern << "\n";
    }
    for (const auto& problem : result.adapter_problems)
        out << "  adapter problem: " << problem << "\n";
    for (const auto& problem : result.fixture_problems)
        out << "  fixture problem: " << problem << "\n";
    if (!result.fields.empty()) {
        out << "  differing fields (requests affected, kinds, one example):\n";
        print_fields(result.fields, out);
    }
    for (std::size_t i = 0; i < result.outcomes.size() && i < console_fields; ++i) {
        const OutcomeRecord& outcome = result.outcomes[i];
        out << "  " << to_string(outcome.outcome) << ": "
            << (outcome.request_id.empty() ? "" : outcome.request_id + " ")
            << (outcome.path.empty() ? "" : "(" + outcome.path + ") ") << outcome.detail << "\n";
    }
    const std::uint64_t unlisted =
        result.outcomes_not_listed +
        (result.outcomes.size() > console_fields ? result.outcomes.size() - console_fields : 0);
    if (unlisted > 0) {
        out << "  … " << unlisted << " more outcomes in report.json\n";
    }
    print_recorded(result, out);
    print_baseline(result, out);
    print_latency(result, out);
    print_stages(result, out);
    print_corpus_problems(result, out);
    for (const auto& warning : result.warnings)
        out << "  warning: " << warning << "\n";
    out << "  report: " << (result.out / "report.json").string() << "\n";
}

}  // namespace parity::replay
