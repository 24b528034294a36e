#include "parity/replay/report_outcomes.hpp"

#include <array>
#include <utility>

namespace parity::replay {
namespace {

constexpr std::array<std::pair<RequestOutcome, std::string_view>, 6> outcome_names = {{
    {RequestOutcome::matched, "matched"},
    {RequestOutcome::mismatched, "mismatched"},
    {RequestOutcome::crash, "crash"},
    {RequestOutcome::timeout, "timeout"},
    {RequestOutcome::candidate_unavailable, "candidate_unavailable"},
    {RequestOutcome::skipped, "skipped"},
}};

}  // namespace

std::string_view to_string(RequestOutcome outcome) noexcept {
    for (const auto& [known, name] : outcome_names) {
        if (known == outcome)
            return name;
    }
    return "unknown";
}

std::optional<RequestOutcome> parse_name(std::string_view name, RequestOutcome* /*selects*/) noexcept {
    for (const auto& [outcome, known] : outcome_names) {
        if (known == name)
            return outcome;
    }
    return std::nullopt;
}

void to_json(nlohmann::ordered_json& json, const OutcomeRecord& outcome) {
    json = {{"outcome", std::string(to_string(outcome.outcome))}, {"detail", outcome.detail}};
    if (!outcome.request_id.empty())
        json["request_id"] = outcome.request_id;
    if (!outcome.path.empty())
        json["path"] = outcome.path;
    if (!outcome.repro.empty())
        json["repro"] = outcome.repro;
}

void read_model(const harness::ModelReader& in, OutcomeRecord& outcome) {
    in.required("outcome", outcome.outcome);
    in.required("detail", outcome.detail);
    in.optional_text("request_id", outcome.request_id);
    in.optional_text("path", outcome.path);
    in.optional_text("repro", outcome.repro);
}

void to_json(nlohmann::ordered_json& json, const Problems& problems) {
    json = {{"fixtures", problems.fixtures}, {"adapters", problems.adapters}};
}

void read_model(const harness::ModelReader& in, Problems& problems) {
    in.required("fixtures", problems.fixtures);
    in.required("adapters", problems.adapters);
}

}  // namespace parity::replay
