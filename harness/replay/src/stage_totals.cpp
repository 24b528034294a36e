#include "parity/replay/stage_totals.hpp"

#include <cstdio>

namespace parity::replay {
namespace {

constexpr double nanoseconds_per_second = 1e9;
/// Stages adding up to more than the wall time by more than this share are not times inside run().
constexpr double stages_over_wall_tolerance = 0.01;

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
    return text;
}

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g s", seconds);
    return text;
}

const StageShare* find_stage(const PathStages& path, const std::string& name) {
    for (const auto& stage : path.stages) {
        if (stage.name == name)
            return &stage;
    }
    return nullptr;
}

std::string names_of(const PathStages& path) {
    std::string names;
    for (const auto& stage : path.stages)
        names += (names.empty() ? "" : ", ") + stage.name;
    return names.empty() ? "none" : names;
}

}  // namespace

void StageTotals::add(std::int64_t wall_ns, const std::vector<workers::StageTime>& stages) {
    ++runs_;
    wall_s_ += static_cast<double>(wall_ns) / nanoseconds_per_second;
    if (stages.empty())
        return;
    ++runs_with_stages_;
    for (const auto& stage : stages) {
        const auto [found, fresh] = sums_.try_emplace(stage.name);
        if (fresh)
            order_.push_back(stage.name);
        found->second.seconds += stage.seconds;
        ++found->second.runs;
    }
}

PathStages StageTotals::report() const {
    PathStages path;
    path.runs = runs_;
    path.runs_with_stages = runs_with_stages_;
    path.wall_s = wall_s_;
    const auto share = [&](double seconds) { return wall_s_ > 0 ? seconds / wall_s_ : 0.0; };
    double staged = 0;
    for (const auto& name : order_) {
        const Sum& sum = sums_.at(name);
        path.stages.push_back({name, sum.seconds, sum.runs, share(sum.seconds)});
        staged += sum.seconds;
    }
    path.outside_s = wall_s_ - staged;
    path.outside_share = share(path.outside_s);
    return path;
}

std::optional<Stages> stages_report(const StageTotals& reference, const StageTotals& candidate,
                                    const std::optional<std::string>& ported_stage,
                                    std::vector<std::string>& warnings) {
    if (!reference.any_stages() && !candidate.any_stages()) {
        if (ported_stage) {
            warnings.push_back("--ported-stage " + *ported_stage +
                               ": no timed run of either path reported stages (the adapters have no "
                               "stages(), or it returned nothing): no Amdahl bound");
        }
        return std::nullopt;
    }
    Stages stages{reference.report(), candidate.report(), std::nullopt};
    for (const auto& [name, path] :
         {std::pair{"reference", &stages.reference}, std::pair{"candidate", &stages.candidate}}) {
        if (path->wall_s > 0 && -path->outside_s > stages_over_wall_tolerance * path->wall_s) {
            warnings.push_back(std::string("the ") + name + " adapter's stages add up to " +
                               seconds_text(path->wall_s - path->outside_s) + ", more than its wall time " +
                               seconds_text(path->wall_s) +
                               " over the same runs: they are not all times inside run()");
        }
    }
    if (!ported_stage)
        return stages;
    const StageShare* in_reference = find_stage(stages.reference, *ported_stage);
    const StageShare* in_candidate = find_stage(stages.candidate, *ported_stage);
    if (in_reference == nullptr || in_candidate == nullptr) {
        warnings.push_back("--ported-stage " + *ported_stage + ": no timed run of the " +
                           (in_reference == nullptr ? "reference" : "candidate") +
                           " path reported that stage (its stages: " +
                           names_of(in_reference == nullptr ? stages.reference : stages.candidate) +
                           "): no Amdahl bound");
        return stages;
    }
    PortedStage ported;
    ported.name = *ported_stage;
    ported.reference_share = in_reference->share;
    if (ported.reference_share < 1.0) {
        ported.amdahl_bound = 1.0 / (1.0 - ported.reference_share);
    } else {
        warnings.push_back("--ported-stage " + *ported_stage + ": the stage is " +
                           percent(ported.reference_share) +
                           " of the reference's wall time, so the Amdahl bound is unbounded");
    }
    if (in_candidate->seconds > 0)
        ported.stage_speedup = in_reference->seconds / in_candidate->seconds;
    ported.whole_speedup =
        stages.candidate.wall_s > 0 ? stages.reference.wall_s / stages.candidate.wall_s : 0.0;
    ported.candidate_outside_share = 1.0 - in_candidate->share;
    stages.ported = ported;
    return stages;
}

void StageProblems::add(const std::string& problem) {
    if (const auto found = counts_.find(problem); found != counts_.end()) {
        ++found->second;
        return;
    }
    if (order_.size() == listed) {
        ++unlisted_runs_;
        return;
    }
    order_.push_back(problem);
    counts_.emplace(problem, 1);
}

std::vector<std::string> StageProblems::warnings() const {
    std::vector<std::string> warnings;
    for (const auto& problem : order_) {
        const std::uint64_t runs = counts_.at(problem);
        warnings.push_back(problem + " (" + std::to_string(runs) + (runs == 1 ? " run" : " runs") +
                           "; the stages of such runs are left out of report.json's \"stages\")");
    }
    if (unlisted_runs_ > 0) {
        warnings.push_back(std::to_string(unlisted_runs_) +
                           " more runs whose stages() returned something unusable, with other messages");
    }
    return warnings;
}

}  // namespace parity::replay
