#include "parity/replay/report_model.hpp"

#include <fstream>

#include "parity/harness/file_text.hpp"
#include "parity/harness/json_input.hpp"
#include "parity/replay/report_consistency.hpp"

namespace parity::replay {

void to_json(nlohmann::ordered_json& json, const ShardFolder& shard) {
    json = {{"folder", shard.folder}, {"shard", shard.shard}};
}

void read_model(const harness::ModelReader& in, ShardFolder& shard) {
    in.required("folder", shard.folder);
    in.required("shard", shard.shard);
}

void to_json(nlohmann::ordered_json& json, const Report& report) {
    json = {{"schema_version", report.schema_version},
            {"tool", report.tool},
            {"corpus", report.corpus},
            {"reference", report.reference},
            {"candidate", report.candidate}};
    // Sections a report may lack are left out, never written with made-up values.
    if (report.options)
        json["options"] = *report.options;
    json["started"] = report.started;
    json["finished"] = report.finished;
    json["duration_s"] = report.duration_s;
    json["summary"] = report.summary;
    json["fields"] = report.fields;
    json["nondeterministic"] = report.nondeterministic;
    json["outcomes"] = report.outcomes;
    json["outcomes_not_listed"] = report.outcomes_not_listed;
    json["requests_with_differences"] = report.requests_with_differences;
    json["problems"] = report.problems;
    if (report.latency)
        json["latency"] = *report.latency;
    if (report.memory)
        json["memory"] = *report.memory;
    if (report.environment)
        json["environment"] = *report.environment;
    json["warnings"] = report.warnings;
    if (report.shards)
        json["shards"] = *report.shards;
    json["recorded"] = report.recorded;
    if (report.limits)
        json["limits"] = *report.limits;
    if (report.stages)
        json["stages"] = *report.stages;
    if (report.baseline)
        json["baseline"] = *report.baseline;
}

void read_model(const harness::ModelReader& in, Report& report) {
    in.required("schema_version", report.schema_version);
    if (report.schema_version != report_schema_version) {
        in.problem("schema_version", "unsupported version " + std::to_string(report.schema_version) +
                                         " (this parity reads " + std::to_string(report_schema_version) +
                                         ")");
    }
    in.required("tool", report.tool);
    in.required("corpus", report.corpus);
    in.required("reference", report.reference);
    in.required("candidate", report.candidate);
    in.section("options", report.options);
    in.required("started", report.started);
    in.required("finished", report.finished);
    in.required("duration_s", report.duration_s);
    in.required("summary", report.summary);
    in.required("fields", report.fields);
    in.required("nondeterministic", report.nondeterministic);
    in.required("outcomes", report.outcomes);
    in.required("outcomes_not_listed", report.outcomes_not_listed);
    in.required("requests_with_differences", report.requests_with_differences);
    in.required("problems", report.problems);
    in.section("latency", report.latency);
    in.section("memory", report.memory);
    in.section("environment", report.environment);
    in.required("warnings", report.warnings);
    in.optional("shards", report.shards);
    in.required("recorded", report.recorded);
    in.optional("limits", report.limits);
    in.optional("stages", report.stages);
    in.optional("baseline", report.baseline);
}

Report read_report(const nlohmann::json& document, harness::Leniency leniency,
                   std::vector<std::string>* problems) {
    Report report;
    harness::read_document(document, report, leniency, problems);
    return report;
}

Report load_report(const std::filesystem::path& file) {
    const auto text = harness::read_file_text(file);
    if (!text)
        throw harness::ModelError(file.string() + ": cannot read the report");
    nlohmann::json document;
    try {
        document = harness::parse_json_input(*text, file.string());
    } catch (const harness::JsonInputError& error) {
        throw harness::ModelError(error.what());
    }
    Report report;
    try {
        report = read_report(document, harness::Leniency::strict);
    } catch (const harness::ModelError& error) {
        throw harness::ModelError(file.string() + ": " + error.what());
    }
    // Counts that do not add up are corrupted evidence, as much as a count of the wrong type.
    if (const auto problems = summary_inconsistencies(report); !problems.empty())
        throw harness::ModelError(file.string() + ": inconsistent counts: " + problems.front());
    return report;
}

void save_report(const Report& report, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << nlohmann::ordered_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    if (!out)
        throw std::runtime_error(file.string() + ": cannot write the report");
}

}  // namespace parity::replay
