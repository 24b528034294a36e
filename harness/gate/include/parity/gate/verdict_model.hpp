#pragma once

// verdict.json as a typed model: written by `parity gate`, read by the report renderers that show the
// verdict. docs/verdict.schema.json documents every key.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parity/harness/exit_codes.hpp"
#include "parity/harness/model_reader.hpp"

namespace parity::gate {

/// What a failed criterion means for the rollout; decides the exit code.
enum class CriterionKind { parity, performance, memory, evidence };

[[nodiscard]] std::string_view to_string(CriterionKind kind) noexcept;
[[nodiscard]] std::optional<CriterionKind> parse_name(std::string_view name, CriterionKind*) noexcept;

/// One line of the verdict: the policy's threshold against what the report measured.
struct Criterion {
    std::string name;  // the policy key, e.g. "min_speedup_p50"
    CriterionKind kind = CriterionKind::parity;
    double threshold = 0;
    std::optional<double> measured;
    std::optional<std::pair<double, double>> interval;  // 95 % confidence interval of `measured`
    bool passed = false;
    bool applicable = true;   // false: not judged (an A/A run's speedups), shown as N/A
    std::string explanation;  // why it passed or failed, in words
};

enum class Decision { go, no_go, undecided };

/// "GO", "NO-GO", "UNDECIDED".
[[nodiscard]] std::string_view to_string(Decision decision) noexcept;
[[nodiscard]] std::optional<Decision> parse_name(std::string_view name, Decision*) noexcept;

/// Defaults to UNDECIDED: a verdict only says GO when the gate found every criterion met.
struct Verdict {
    Decision decision = Decision::undecided;
    harness::ExitCode exit_code = harness::ExitCode::undecidable;
    std::vector<std::string> reasons;  // why UNDECIDED or NO-GO, in words
    std::vector<Criterion> criteria;
    std::string policy;  // absolute path of the policy file judged against
};

void to_json(nlohmann::ordered_json& json, const Criterion& criterion);
void read_model(const harness::ModelReader& in, Criterion& criterion);

void to_json(nlohmann::ordered_json& json, const Verdict& verdict);
void read_model(const harness::ModelReader& in, Verdict& verdict);

/// nlohmann's get<T>() for the verdict's model types: a strict read.
template <harness::ReadableModel T>
void from_json(const nlohmann::json& json, T& model) {
    harness::read_document(json, model, harness::Leniency::strict);
}

/// verdict.json's model from its JSON; strict or tolerant as replay::read_report.
[[nodiscard]] Verdict read_verdict(const nlohmann::json& document, harness::Leniency leniency,
                                   std::vector<std::string>* problems = nullptr);

/// Writes verdict.json; throws std::runtime_error naming the file when it cannot be written.
void save_verdict(const Verdict& verdict, const std::filesystem::path& file);

}  // namespace parity::gate
