#include "parity/gate/policy.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "parity/harness/file_text.hpp"
#include "parity/harness/json_input.hpp"

namespace parity::gate {
namespace {

using NumberField = std::optional<double> Policy::*;

/// Evidence needs at least this many compared requests whatever the policy says: no verdict on nothing.
constexpr double fewest_requests = 1;

constexpr std::array boolean_keys{"require_error_parity", "require_stable_host", "require_complete_corpus",
                                  "require_baseline_parity"};

bool read_boolean(Policy& policy, const std::string& key, const nlohmann::json& value,
                  const std::string& source) {
    if (std::find(boolean_keys.begin(), boolean_keys.end(), key) == boolean_keys.end())
        return false;
    if (!value.is_boolean())
        throw PolicyError(source + ": \"" + key + "\" must be true or false");
    if (key == "require_error_parity")
        policy.require_error_parity = value.get<bool>();
    else if (key == "require_baseline_parity")
        policy.require_baseline_parity = value.get<bool>();
    else if (key == "require_stable_host")
        policy.require_stable_host = value.get<bool>();
    else
        policy.require_complete_corpus = value.get<bool>();
    return true;
}

/// min_requests: a count of at least fewest_requests.
double read_min_requests(const nlohmann::json& value, const std::string& source) {
    if (!value.is_number() || value.get<double>() < fewest_requests) {
        throw PolicyError(source +
                          ": \"min_requests\" must be a number >= 1 (a verdict needs a compared "
                          "request), got " +
                          value.dump());
    }
    return value.get<double>();
}

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
        {"max_reference_drift_rate", &Policy::max_reference_drift_rate},
        {"max_slowdown_vs_baseline_p50", &Policy::max_slowdown_vs_baseline_p50},
        {"max_slowdown_vs_baseline_p95", &Policy::max_slowdown_vs_baseline_p95},
        {"max_slowdown_vs_baseline_p99", &Policy::max_slowdown_vs_baseline_p99},
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
        if (read_boolean(policy, key, value, source))
            continue;
        if (key == "min_requests") {
            policy.min_requests = read_min_requests(value, source);
            continue;
        }
        const auto field = number_fields().find(key);
        if (field == number_fields().end()) {
            std::string known;
            for (const auto& [name, member] : number_fields()) known += (known.empty() ? "" : ", ") + name;
            throw PolicyError(source + ": unknown criterion \"" + key + "\" (known: " + known +
                              ", min_requests, require_error_parity, require_stable_host, "
                              "require_complete_corpus, require_baseline_parity)");
        }
        if (!value.is_number() || value.get<double>() < 0) {
            throw PolicyError(source + ": \"" + key + "\" must be a non-negative number, got " + value.dump());
        }
        if (key.starts_with("max_slowdown_vs_baseline_") && value.get<double>() < 1.0) {
            throw PolicyError(
                source + ": \"" + key +
                "\" is the largest candidate / baseline time ratio allowed, at least 1 (1.05: at "
                "most 5 % slower), got " +
                value.dump());
        }
        policy.*(field->second) = value.get<double>();
    }
    return policy;
}

Policy Policy::load(const std::filesystem::path& file) {
    const auto text = harness::read_file_text(file);
    if (!text) throw PolicyError(file.string() + ": cannot read the policy");
    try {
        return parse(harness::parse_json_input(*text, file.string()), file.string());
    } catch (const harness::JsonInputError& error) {
        throw PolicyError(error.what());
    }
}

}  // namespace parity::gate
