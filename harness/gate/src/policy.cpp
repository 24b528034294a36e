#include "parity/gate/policy.hpp"

#include <map>

#include "parity/harness/file_text.hpp"

namespace parity::gate {
namespace {

using NumberField = std::optional<double> Policy::*;

const std::map<std::string, NumberField>& number_fields() {
    static const std::map<std::string, NumberField> fields = {
        {"max_mismatch_rate", &Policy::max_mismatch_rate},
        {"max_crashes", &Policy::max_crashes},
        {"max_timeouts", &Policy::max_timeouts},
        {"candidate_p50_ms_max", &Policy::candidate_p50_ms_max},
        {"candidate_p95_ms_max", &Policy::candidate_p95_ms_max},
        {"candidate_p99_ms_max", &Policy::candidate_p99_ms_max},
        {"min_speedup_p50", &Policy::min_speedup_p50},
        {"min_speedup_p95", &Policy::min_speedup_p95},
        {"min_speedup_p99", &Policy::min_speedup_p99},
        {"max_rss_growth_mb", &Policy::max_rss_growth_mb},
        {"min_requests", &Policy::min_requests},
        {"max_reference_drift_rate", &Policy::max_reference_drift_rate},
    };
    return fields;
}

}  // namespace

Policy Policy::parse(const nlohmann::json& document, const std::string& source) {
    if (!document.is_object()) {
        throw PolicyError(source + ": a policy is a JSON object of criteria, e.g. {\"min_speedup_p50\": 20}");
    }
    Policy policy;
    for (const auto& [key, value] : document.items()) {
        if (key == "description" || key.starts_with("_")) {
            continue;  // free text for people ("_why": ...)
        }
        if (key == "require_error_parity" || key == "require_stable_host") {
            if (!value.is_boolean()) throw PolicyError(source + ": \"" + key + "\" must be true or false");
            if (key == "require_error_parity") policy.require_error_parity = value.get<bool>();
            else policy.require_stable_host = value.get<bool>();
            continue;
        }
        const auto field = number_fields().find(key);
        if (field == number_fields().end()) {
            std::string known;
            for (const auto& [name, member] : number_fields()) known += (known.empty() ? "" : ", ") + name;
            throw PolicyError(source + ": unknown criterion \"" + key + "\" (known: " + known +
                              ", require_error_parity, require_stable_host)");
        }
        if (!value.is_number() || value.get<double>() < 0) {
            throw PolicyError(source + ": \"" + key + "\" must be a non-negative number, got " + value.dump());
        }
        policy.*(field->second) = value.get<double>();
    }
    return policy;
}

Policy Policy::load(const std::filesystem::path& file) {
    const auto text = harness::read_file_text(file);
    if (!text) throw PolicyError(file.string() + ": cannot read the policy");
    try {
        return parse(nlohmann::json::parse(*text), file.string());
    } catch (const nlohmann::json::parse_error& error) {
        throw PolicyError(file.string() + ": malformed JSON: " + error.what());
    }
}

}  // namespace parity::gate
