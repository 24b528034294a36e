#pragma once

// report.json's "stages": where each path's request time goes, from the stage times the adapters
// report (their optional stages(context), corpora/README.md "Adapters"), and, with --ported-stage, the
// Amdahl bound of porting one stage (docs/latency.md "Where the time goes").

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

/// One stage of one path, summed over the timed runs.
struct StageShare {
    std::string name;
    double seconds = 0;      // summed over the timed runs that reported it
    std::uint64_t runs = 0;  // timed runs that reported it
    double share = 0;        // seconds / the path's summed wall time
};

/// One path: its summed wall time, each stage in the order first reported, and what is left outside.
struct PathStages {
    std::uint64_t runs = 0;              // timed runs (the latency section's samples)
    std::uint64_t runs_with_stages = 0;  // of them, those whose adapter reported stages
    double wall_s = 0;                   // summed wall time of the timed runs
    std::vector<StageShare> stages;
    double outside_s = 0;  // wall_s - the stages' seconds: the adapter's own code outside them, and runs
                           // without stages; negative when the stages add up to more than the wall time
    double outside_share = 0;
};

/// --ported-stage NAME: what porting NAME can give the whole call, and what it gave.
struct PortedStage {
    std::string name;
    double reference_share = 0;           // p: NAME's share of the reference's wall time
    std::optional<double> amdahl_bound;   // 1 / (1 - p): an infinitely fast NAME; null when p >= 1
    std::optional<double> stage_speedup;  // reference NAME seconds / candidate NAME seconds; null when 0
    double whole_speedup = 0;             // reference wall seconds / candidate wall seconds, summed
    double candidate_outside_share = 0;   // 1 - NAME's share of the candidate's wall time
};

/// "stages": present when a timed run of either path reported stages.
struct Stages {
    PathStages reference;
    PathStages candidate;
    std::optional<PortedStage> ported;  // with --ported-stage, when both paths reported the stage
};

void to_json(nlohmann::ordered_json& json, const StageShare& stage);
void read_model(const harness::ModelReader& in, StageShare& stage);

void to_json(nlohmann::ordered_json& json, const PathStages& path);
void read_model(const harness::ModelReader& in, PathStages& path);

void to_json(nlohmann::ordered_json& json, const PortedStage& ported);
void read_model(const harness::ModelReader& in, PortedStage& ported);

void to_json(nlohmann::ordered_json& json, const Stages& stages);
void read_model(const harness::ModelReader& in, Stages& stages);

}  // namespace parity::replay
