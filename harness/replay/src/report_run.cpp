#include "parity/replay/report_run.hpp"

namespace parity::replay {
namespace {

using harness::json_or_null;

}  // namespace

void to_json(nlohmann::ordered_json& json, const ToolInfo& tool) {
    json = {{"name", tool.name}, {"version", tool.version}};
}

void read_model(const harness::ModelReader& in, ToolInfo& tool) {
    in.required("name", tool.name);
    in.required("version", tool.version);
}

void to_json(nlohmann::ordered_json& json, const CorpusInfo& corpus) {
    json = {{"path", corpus.path},
            {"kernel", corpus.kernel},
            {"count", corpus.count},
            {"service_version", corpus.service_version},
            {"description", corpus.description},
            {"recorder", nlohmann::ordered_json(corpus.recorder)},
            {"digest", corpus.digest},
            {"complete", corpus.complete},
            {"problems", corpus.problems}};
}

void read_model(const harness::ModelReader& in, CorpusInfo& corpus) {
    in.required("path", corpus.path);
    in.required("kernel", corpus.kernel);
    in.required("count", corpus.count);
    in.required("service_version", corpus.service_version);
    in.required("description", corpus.description);
    in.required("recorder", corpus.recorder);
    in.required("digest", corpus.digest);
    in.required("complete", corpus.complete);
    in.required("problems", corpus.problems);
}

void to_json(nlohmann::ordered_json& json, const RunOptions& options) {
    json = {{"jobs", options.jobs},
            {"timeout_s", options.timeout_s},
            {"noise_runs", options.noise_runs},
            {"seed", options.seed},
            {"strict", options.strict},
            {"shard", options.shard},
            {"warmup", options.warmup},
            {"repeat", options.repeat},
            {"pin_cpus", options.pin_cpus},
            {"trace_python_memory", options.trace_python_memory},
            {"limit", json_or_null(options.limit)},
            {"id", json_or_null(options.id)},
            {"rules", json_or_null(options.rules)},
            {"ported_stage", json_or_null(options.ported_stage)}};
}

void read_model(const harness::ModelReader& in, RunOptions& options) {
    in.required("jobs", options.jobs);
    in.required("timeout_s", options.timeout_s);
    in.required("noise_runs", options.noise_runs);
    in.required("seed", options.seed);
    in.required("strict", options.strict);
    in.required("shard", options.shard);
    in.required("warmup", options.warmup);
    in.required("repeat", options.repeat);
    in.required("pin_cpus", options.pin_cpus);
    in.required("trace_python_memory", options.trace_python_memory);
    in.nullable("limit", options.limit);
    in.nullable("id", options.id);
    in.nullable("rules", options.rules);
    in.optional("ported_stage", options.ported_stage);
}

}  // namespace parity::replay
