#include "parity/gate/verdict_model.hpp"

#include <array>
#include <fstream>

namespace parity::gate {
namespace {

constexpr std::array<std::pair<CriterionKind, std::string_view>, 4> kind_names = {{
    {CriterionKind::parity, "parity"},
    {CriterionKind::performance, "performance"},
    {CriterionKind::memory, "memory"},
    {CriterionKind::evidence, "evidence"},
}};

constexpr std::array<std::pair<Decision, std::string_view>, 3> decision_names = {{
    {Decision::go, "GO"},
    {Decision::no_go, "NO-GO"},
    {Decision::undecided, "UNDECIDED"},
}};

/// The exit codes a verdict can carry (docs/gate.md).
constexpr std::array<harness::ExitCode, 4> verdict_exit_codes = {
    harness::ExitCode::success, harness::ExitCode::differences, harness::ExitCode::performance,
    harness::ExitCode::undecidable};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
    for (const auto& [known, name] : names) {
        if (known == value)
            return name;
    }
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view name) {
    for (const auto& [value, known] : names) {
        if (known == name)
            return value;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(CriterionKind kind) noexcept {
    return name_of(kind_names, kind);
}

std::optional<CriterionKind> parse_name(std::string_view name, CriterionKind* /*selects*/) noexcept {
    return value_of(kind_names, name);
}

std::string_view to_string(Decision decision) noexcept {
    return name_of(decision_names, decision);
}

std::optional<Decision> parse_name(std::string_view name, Decision* /*selects*/) noexcept {
    return value_of(decision_names, name);
}

void to_json(nlohmann::ordered_json& json, const Criterion& criterion) {
    json = {{"name", criterion.name},
            {"kind", std::string(to_string(criterion.kind))},
            {"threshold", criterion.threshold},
            {"measured", harness::json_or_null(criterion.measured)}};
    json["interval"] =
        criterion.interval
            ? nlohmann::ordered_json::array({criterion.interval->first, criterion.interval->second})
            : nlohmann::ordered_json();
    json["passed"] = criterion.passed;
    json["applicable"] = criterion.applicable;
    json["explanation"] = criterion.explanation;
}

void read_model(const harness::ModelReader& in, Criterion& criterion) {
    in.required("name", criterion.name);
    in.required("kind", criterion.kind);
    in.required("threshold", criterion.threshold);
    in.nullable("measured", criterion.measured);
    std::optional<std::array<double, 2>> interval;
    in.nullable("interval", interval);
    criterion.interval.reset();
    if (interval)
        criterion.interval = std::pair{(*interval)[0], (*interval)[1]};
    in.required("passed", criterion.passed);
    in.required("applicable", criterion.applicable);
    in.required("explanation", criterion.explanation);
}

void to_json(nlohmann::ordered_json& json, const Verdict& verdict) {
    json = {{"verdict", std::string(to_string(verdict.decision))},
            {"exit_code", harness::to_int(verdict.exit_code)},
            {"reasons", verdict.reasons},
            {"criteria", verdict.criteria},
            {"policy", verdict.policy}};
}

void read_model(const harness::ModelReader& in, Verdict& verdict) {
    in.required("verdict", verdict.decision);
    int exit_code = harness::to_int(verdict.exit_code);
    in.required("exit_code", exit_code);
    bool known = false;
    for (const auto code : verdict_exit_codes) {
        if (harness::to_int(code) == exit_code) {
            verdict.exit_code = code;
            known = true;
        }
    }
    if (!known)
        in.problem("exit_code", "not an exit code of parity gate: " + std::to_string(exit_code));
    in.required("reasons", verdict.reasons);
    in.required("criteria", verdict.criteria);
    in.required("policy", verdict.policy);
}

Verdict read_verdict(const nlohmann::json& document, harness::Leniency leniency,
                     std::vector<std::string>* problems) {
    Verdict verdict;
    harness::read_document(document, verdict, leniency, problems);
    return verdict;
}

void save_verdict(const Verdict& verdict, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << nlohmann::ordered_json(verdict).dump(2) << '\n';
    if (!out)
        throw std::runtime_error(file.string() + ": cannot write the verdict");
}

}  // namespace parity::gate
