#include "parity/replay/report_writer.hpp"

#include <cstdio>
#include <fstream>

#include "parity/harness/version.hpp"
#include "parity/replay/repro_bundle.hpp"

namespace parity::replay {
namespace {

/// The console shows this many differing fields; report.json has them all.
constexpr std::size_t console_fields = 10;
/// Values in console lines are cut to this many characters.
constexpr std::size_t console_value_chars = 80;

double rate(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

nlohmann::ordered_json fields_json(const std::vector<FieldStats>& fields, std::uint64_t compared) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& field : fields) {
        nlohmann::ordered_json examples = nlohmann::ordered_json::array();
        for (const auto& example : field.examples) {
            nlohmann::ordered_json entry = difference_to_json(example.difference);
            entry["request_id"] = example.request_id;
            if (!example.input.is_null()) entry["input"] = json_safe(example.input);
            if (!example.repro.empty()) entry["repro"] = example.repro;
            examples.push_back(std::move(entry));
        }
        list.push_back({{"pattern", field.pattern},
                        {"count", field.differences},
                        {"requests", field.requests},
                        {"rate", rate(field.requests, compared)},
                        {"types", field.kinds},
                        {"examples", std::move(examples)}});
    }
    return list;
}

std::string cut(const std::string& text) {
    return text.size() <= console_value_chars ? text : text.substr(0, console_value_chars) + "…";
}

std::string milliseconds(const nlohmann::ordered_json& nanoseconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", nanoseconds.get<double>() / 1e6);
    return text;
}

std::string times(const nlohmann::ordered_json& ratio) {
    char text[64];
    std::snprintf(text, sizeof text, "%.1fx [%.1f, %.1f]", ratio["value"].get<double>(), ratio["ci_low"].get<double>(),
                  ratio["ci_high"].get<double>());
    return text;
}

/// Latency table: per path p50/p95/p99/max in ms, then the speedups with their 95 % intervals.
void print_latency(const ReplayResult& result, std::ostream& out) {
    const auto& latency = result.latency;
    if (!latency.is_object() || !latency.contains("paths")) return;
    out << "  latency, ms (" << latency["samples"].get<std::size_t>() << " paired samples, "
        << latency["warmup_discarded"].get<std::size_t>() << " warm-up discarded; timed in the worker around run())\n"
        << "               p50       p95       p99       max\n";
    for (const char* path : {"reference", "candidate"}) {
        const auto& wall = latency["paths"][path]["wall"];
        char line[160];
        std::snprintf(line, sizeof line, "    %-9s %9s %9s %9s %9s\n", path, milliseconds(wall["p50_ns"]).c_str(),
                      milliseconds(wall["p95_ns"]).c_str(), milliseconds(wall["p99_ns"]).c_str(),
                      milliseconds(wall["max_ns"]).c_str());
        out << line;
    }
    const auto& speedup = latency["speedup"];
    out << "  speedup (reference / candidate, 95 % CI): p50 " << times(speedup["p50"]) << ", p95 "
        << times(speedup["p95"]) << ", p99 " << times(speedup["p99"]) << "\n";
}

}  // namespace

nlohmann::ordered_json report_json(const ReplayResult& result) {
    const Summary& s = result.summary;
    nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
    for (const auto& outcome : result.outcomes) {
        nlohmann::ordered_json entry = {{"outcome", std::string(to_string(outcome.outcome))}, {"detail", outcome.detail}};
        if (!outcome.request_id.empty()) entry["request_id"] = outcome.request_id;
        if (!outcome.path.empty()) entry["path"] = outcome.path;
        if (!outcome.repro.empty()) entry["repro"] = outcome.repro;
        outcomes.push_back(std::move(entry));
    }
    const auto& o = result.options;
    nlohmann::ordered_json options = {{"jobs", o.jobs},
                              {"timeout_s", static_cast<double>(o.timeout.count()) / 1000.0},
                              {"noise_runs", result.noise_runs},
                              {"seed", o.seed},
                              {"strict", o.strict},
                              {"shard", o.shard.to_string()},
                              {"warmup", o.warmup},
                              {"repeat", o.repeat},
                              {"pin_cpus", o.pin_cpus},
                              {"trace_python_memory", o.trace_python_memory}};
    options["limit"] = o.limit ? nlohmann::ordered_json(*o.limit) : nlohmann::ordered_json();
    options["id"] = o.request_id ? nlohmann::ordered_json(*o.request_id) : nlohmann::ordered_json();
    options["rules"] = o.rules_file ? nlohmann::ordered_json(std::filesystem::absolute(*o.rules_file).string())
                                    : nlohmann::ordered_json();

    nlohmann::ordered_json nondeterministic = fields_json(result.nondeterministic, s.compared);
    for (auto& field : nondeterministic) {
        std::uint64_t candidate_differences = 0;
        for (const auto& port : result.noisy_candidate_fields) {
            if (port.pattern == field["pattern"]) candidate_differences = port.differences;
        }
        field["candidate_differences_not_counted"] = candidate_differences;
    }

    return {
        {"schema_version", report_schema_version},
        {"tool", {{"name", "parity"}, {"version", std::string(harness::version())}}},
        {"corpus",
         {{"path", std::filesystem::absolute(o.corpus).lexically_normal().string()},
          {"kernel", result.manifest.kernel},
          {"count", result.manifest.count},
          {"service_version", result.manifest.service_version},
          {"description", result.manifest.description},
          {"recorder", nlohmann::ordered_json(result.manifest.recorder)}}},
        {"reference", result.reference},
        {"candidate", result.candidate},
        {"options", std::move(options)},
        {"started", result.started},
        {"finished", result.finished},
        {"duration_s", result.duration_s},
        {"summary",
         {{"requests", s.requests},
          {"compared", s.compared},
          {"matched", s.matched},
          {"mismatched", s.mismatched},
          {"reference_errors", s.reference_errors},
          {"candidate_errors", s.candidate_errors},
          {"crashes", s.crashes},
          {"timeouts", s.timeouts},
          {"candidate_unavailable", s.candidate_unavailable},
          {"skipped", s.skipped},
          {"nondeterministic_fields", s.nondeterministic_fields},
          {"conversion_notes", s.conversion_notes}}},
        {"fields", fields_json(result.fields, s.compared)},
        {"nondeterministic", std::move(nondeterministic)},
        {"outcomes", std::move(outcomes)},
        {"outcomes_not_listed", result.outcomes_not_listed},
        {"requests_with_differences", result.requests_with_differences},
        {"problems", {{"fixtures", result.fixture_problems}, {"adapters", result.adapter_problems}}},
        {"latency", result.latency},
        {"memory", result.memory},
        {"environment", result.environment},
        {"warnings", result.warnings},
    };
}

void write_report(const ReplayResult& result) {
    const auto path = result.out / "report.json";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << report_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    if (!out) {
        throw std::runtime_error(path.string() + ": cannot write the report");
    }
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
        for (const auto& field : result.nondeterministic) out << "    " << field.pattern << "\n";
    }
    for (const auto& problem : result.adapter_problems) out << "  adapter problem: " << problem << "\n";
    for (const auto& problem : result.fixture_problems) out << "  fixture problem: " << problem << "\n";
    if (!result.fields.empty()) {
        out << "  differing fields (requests affected, kinds, one example):\n";
        for (std::size_t i = 0; i < result.fields.size() && i < console_fields; ++i) {
            const FieldStats& field = result.fields[i];
            std::string kinds;
            for (const auto& [kind, count] : field.kinds) {
                kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(count);
            }
            out << "    " << (field.pattern.empty() ? "(root)" : field.pattern) << "  " << field.requests
                << " requests  [" << kinds << "]\n";
            if (!field.examples.empty()) {
                const auto& example = field.examples.front();
                out << "      " << example.request_id << " at " << (example.difference.pointer.empty() ? "(root)" : example.difference.pointer)
                    << ": " << cut(example.difference.detail) << "\n";
            }
        }
        if (result.fields.size() > console_fields) {
            out << "    … " << result.fields.size() - console_fields << " more in report.json\n";
        }
    }
    for (std::size_t i = 0; i < result.outcomes.size() && i < console_fields; ++i) {
        const OutcomeRecord& outcome = result.outcomes[i];
        out << "  " << to_string(outcome.outcome) << ": "
            << (outcome.request_id.empty() ? "" : outcome.request_id + " ")
            << (outcome.path.empty() ? "" : "(" + outcome.path + ") ") << outcome.detail << "\n";
    }
    const std::uint64_t unlisted =
        result.outcomes_not_listed + (result.outcomes.size() > console_fields ? result.outcomes.size() - console_fields : 0);
    if (unlisted > 0) {
        out << "  … " << unlisted << " more outcomes in report.json\n";
    }
    print_latency(result, out);
    for (const auto& warning : result.warnings) out << "  warning: " << warning << "\n";
    out << "  report: " << (result.out / "report.json").string() << "\n";
}

}  // namespace parity::replay
