#include "parity/replay/report_stages.hpp"

namespace parity::replay {
namespace {

using harness::json_or_null;

}  // namespace

void to_json(nlohmann::ordered_json& json, const StageShare& stage) {
    json = {{"name", stage.name}, {"seconds", stage.seconds}, {"runs", stage.runs}, {"share", stage.share}};
}

void read_model(const harness::ModelReader& in, StageShare& stage) {
    in.required("name", stage.name);
    in.required("seconds", stage.seconds);
    in.required("runs", stage.runs);
    in.required("share", stage.share);
}

void to_json(nlohmann::ordered_json& json, const PathStages& path) {
    json = {{"runs", path.runs},           {"runs_with_stages", path.runs_with_stages},
            {"wall_s", path.wall_s},       {"stages", path.stages},
            {"outside_s", path.outside_s}, {"outside_share", path.outside_share}};
}

void read_model(const harness::ModelReader& in, PathStages& path) {
    in.required("runs", path.runs);
    in.required("runs_with_stages", path.runs_with_stages);
    in.required("wall_s", path.wall_s);
    in.required("stages", path.stages);
    in.required("outside_s", path.outside_s);
    in.required("outside_share", path.outside_share);
}

void to_json(nlohmann::ordered_json& json, const PortedStage& ported) {
    json = {{"name", ported.name},
            {"reference_share", ported.reference_share},
            {"amdahl_bound", json_or_null(ported.amdahl_bound)},
            {"stage_speedup", json_or_null(ported.stage_speedup)},
            {"whole_speedup", ported.whole_speedup},
            {"candidate_outside_share", ported.candidate_outside_share}};
}

void read_model(const harness::ModelReader& in, PortedStage& ported) {
    in.required("name", ported.name);
    in.required("reference_share", ported.reference_share);
    in.nullable("amdahl_bound", ported.amdahl_bound);
    in.nullable("stage_speedup", ported.stage_speedup);
    in.required("whole_speedup", ported.whole_speedup);
    in.required("candidate_outside_share", ported.candidate_outside_share);
}

void to_json(nlohmann::ordered_json& json, const Stages& stages) {
    json = {{"reference", stages.reference}, {"candidate", stages.candidate}};
    if (stages.ported)
        json["ported"] = *stages.ported;
}

void read_model(const harness::ModelReader& in, Stages& stages) {
    in.required("reference", stages.reference);
    in.required("candidate", stages.candidate);
    in.optional("ported", stages.ported);
}

}  // namespace parity::replay
