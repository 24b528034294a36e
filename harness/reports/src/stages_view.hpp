#pragma once

// report.json's "stages" as report.md and report.html show it: one row per stage (the reference's order,
// then stages only the candidate reported), then what is outside the stages and the whole wall time; and
// --ported-stage's figures in one sentence.

#include <optional>
#include <string>
#include <vector>

#include "parity/replay/report_stages.hpp"

namespace parity::reports::detail {

struct StageRow {
    std::string name;
    std::optional<double> reference_ns;  // absent: the path never reported the stage
    std::optional<double> reference_share;
    std::optional<double> candidate_ns;
    std::optional<double> candidate_share;
};

struct StagesView {
    std::vector<StageRow> rows;  // the stages, then "outside the stages", then "wall time"
    std::string method;          // which runs were summed
    std::string ported;          // --ported-stage's sentence, or ""
};

[[nodiscard]] StagesView stages_view(const replay::Stages& stages);

}  // namespace parity::reports::detail
