#pragma once

// report.json as one typed model, written by `parity replay` and `parity merge`, read by the gate and
// the report renderers. Its sections have their own headers; docs/report.schema.json documents every
// key.
//
//     const parity::replay::Report report = parity::replay::load_report("reports/x/report.json");
//     report.summary.mismatched;

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"
#include "parity/replay/report_baseline.hpp"
#include "parity/replay/report_environment.hpp"
#include "parity/replay/report_fields.hpp"
#include "parity/replay/report_latency.hpp"
#include "parity/replay/report_limits.hpp"
#include "parity/replay/report_memory.hpp"
#include "parity/replay/report_outcomes.hpp"
#include "parity/replay/report_recorded.hpp"
#include "parity/replay/report_run.hpp"
#include "parity/replay/report_stages.hpp"
#include "parity/replay/report_summary.hpp"

namespace parity::replay {

/// Version of report.json's layout (docs/report.schema.json); bumped on any incompatible change.
constexpr int report_schema_version = 2;

/// One shard folder a merged report was made from.
struct ShardFolder {
    std::string folder;  // absolute
    std::string shard;   // its options.shard, "I/N"
};

struct Report {
    int schema_version = report_schema_version;
    ToolInfo tool;
    CorpusInfo corpus;
    std::string reference;  // the adapters used, "module:attribute"
    std::string candidate;
    // Sections a strict read requires but renderers show without: hand-made or hand-merged reports may
    // lack the options, and reports older than latency measurement lack latency, memory and environment.
    std::optional<RunOptions> options;
    std::string started;  // ISO-8601 UTC
    std::string finished;
    double duration_s = 0;
    Summary summary;
    std::vector<FieldReport> fields;  // port differences, most requests first
    std::vector<NondeterministicField> nondeterministic;
    std::vector<OutcomeRecord> outcomes;  // crashes, timeouts, unavailable, skipped (capped)
    std::uint64_t outcomes_not_listed = 0;
    std::vector<std::string> requests_with_differences;  // sorted
    Problems problems;
    std::optional<Latency> latency;
    std::optional<Memory> memory;
    std::optional<Environment> environment;
    std::vector<std::string> warnings;               // about the host and the samples
    std::optional<std::vector<ShardFolder>> shards;  // merged reports only
    RecordedComparisons recorded;                    // replayed outcomes against the recorded ones
    std::optional<Limits> limits;                    // the caps in force, and how often each was hit
    std::optional<Stages> stages;                    // where the time goes, when the adapters said
    std::optional<BaselineReport> baseline;          // with --baseline: the candidate against it
};

void to_json(nlohmann::ordered_json& json, const ShardFolder& shard);
void read_model(const harness::ModelReader& in, ShardFolder& shard);

void to_json(nlohmann::ordered_json& json, const Report& report);
void read_model(const harness::ModelReader& in, Report& report);

/// nlohmann's get<T>() for every model type of report.json: a strict read.
template <harness::ReadableModel T>
void from_json(const nlohmann::json& json, T& model) {
    harness::read_document(json, model, harness::Leniency::strict);
}

/// report.json's model from its JSON. Strict: throws harness::ModelError naming the key of the first
/// problem ("summary.compared: expected a whole number >= 0, got string"), and for a schema_version
/// other than report_schema_version. Tolerant: reads what it can, appending each problem to `problems`.
[[nodiscard]] Report read_report(const nlohmann::json& document, harness::Leniency leniency,
                                 std::vector<std::string>* problems = nullptr);

/// Reads a report.json file strictly; every error (unreadable, malformed JSON, a key given twice, a
/// missing or malformed key, counts that do not add up: summary_inconsistencies) is a
/// harness::ModelError whose message starts with the file's path.
[[nodiscard]] Report load_report(const std::filesystem::path& file);

/// Writes the report as indented JSON (invalid UTF-8 replaced); throws std::runtime_error naming the
/// file when it cannot be written.
void save_report(const Report& report, const std::filesystem::path& file);

}  // namespace parity::replay
