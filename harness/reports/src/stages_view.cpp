#include "stages_view.hpp"

#include <algorithm>

#include "number_format.hpp"

namespace parity::reports::detail {
namespace {

constexpr double nanoseconds_per_second = 1e9;

const replay::StageShare* find_stage(const replay::PathStages& path, const std::string& name) {
    for (const auto& stage : path.stages) {
        if (stage.name == name)
            return &stage;
    }
    return nullptr;
}

std::string count(std::uint64_t value) {
    return format_number(static_cast<double>(value), 12);
}

}  // namespace

StagesView stages_view(const replay::Stages& stages) {
    StagesView view;
    std::vector<std::string> names;
    for (const auto* path : {&stages.reference, &stages.candidate}) {
        for (const auto& stage : path->stages) {
            if (std::find(names.begin(), names.end(), stage.name) == names.end())
                names.push_back(stage.name);
        }
    }
    for (const auto& name : names) {
        StageRow row{name, {}, {}, {}, {}};
        if (const auto* stage = find_stage(stages.reference, name)) {
            row.reference_ns = stage->seconds * nanoseconds_per_second;
            row.reference_share = stage->share;
        }
        if (const auto* stage = find_stage(stages.candidate, name)) {
            row.candidate_ns = stage->seconds * nanoseconds_per_second;
            row.candidate_share = stage->share;
        }
        view.rows.push_back(std::move(row));
    }
    view.rows.push_back({"outside the stages", stages.reference.outside_s * nanoseconds_per_second,
                         stages.reference.outside_share, stages.candidate.outside_s * nanoseconds_per_second,
                         stages.candidate.outside_share});
    view.rows.push_back({"wall time", stages.reference.wall_s * nanoseconds_per_second, 1.0,
                         stages.candidate.wall_s * nanoseconds_per_second, 1.0});
    view.method = "Summed over the timed runs (the latency section's): reference " +
                  count(stages.reference.runs) + " runs, " + count(stages.reference.runs_with_stages) +
                  " of them with stages; candidate " + count(stages.candidate.runs) + " runs, " +
                  count(stages.candidate.runs_with_stages) +
                  " with stages. Shares are of each path's summed wall time; stages as the adapters' "
                  "stages() reported them.";
    if (const auto& ported = stages.ported) {
        view.ported =
            "Ported stage " + ported->name + ": " + format_percent(ported->reference_share) +
            " of the reference's time, so an infinitely fast port gives the whole call at most " +
            (ported->amdahl_bound ? format_ratio(*ported->amdahl_bound) : std::string("an unbounded")) +
            " (Amdahl). The stage itself is " +
            (ported->stage_speedup ? format_ratio(*ported->stage_speedup) : std::string("n/a")) +
            " faster; the whole call " + format_ratio(ported->whole_speedup) +
            " (summed wall times). After the port, " + format_percent(ported->candidate_outside_share) +
            " of the candidate's time is outside " + ported->name + ".";
    }
    return view;
}

}  // namespace parity::reports::detail
