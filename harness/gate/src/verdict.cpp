#include "parity/gate/verdict.hpp"

#include <algorithm>
#include <cstdio>

#include "parity/harness/host_stability.hpp"

namespace parity::gate {
namespace {

constexpr double bytes_per_mb = 1024.0 * 1024.0;
constexpr double ns_per_ms = 1e6;

std::uint64_t count(const nlohmann::json& summary, const char* key) {
    return summary.value(key, std::uint64_t{0});
}

std::string number(double value) {
    char text[48];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

/// Sums the counts of the error kinds over every differing field.
std::uint64_t error_differences(const nlohmann::json& report) {
    std::uint64_t total = 0;
    for (const auto& field : report.value("fields", nlohmann::json::array())) {
        for (const char* kind : {"error_vs_value", "error_type", "error_message"}) {
            total += field["types"].value(kind, std::uint64_t{0});
        }
    }
    return total;
}

class Judge {
public:
    Judge(const nlohmann::json& report, const Policy& policy) : report_(report), policy_(policy) {}

    Verdict run();

private:
    void at_most(const char* name, CriterionKind kind, const std::optional<double>& threshold, double measured,
                 const std::string& what);
    void latency(const char* name, const std::optional<double>& threshold, const char* percentile);
    void speedup(const char* name, const std::optional<double>& threshold, const char* percentile);
    [[nodiscard]] bool has_latency() const { return report_.contains("latency") && report_["latency"].contains("speedup"); }
    [[nodiscard]] bool aa() const { return report_.value("reference", "") == report_.value("candidate", "?"); }

    const nlohmann::json& report_;
    const Policy& policy_;
    Verdict verdict_;
};

void Judge::at_most(const char* name, CriterionKind kind, const std::optional<double>& threshold, double measured,
                    const std::string& what) {
    if (!threshold) return;
    Criterion criterion{name, kind, *threshold, measured, std::nullopt, measured <= *threshold, true, ""};
    criterion.explanation = what + " " + number(measured) + (criterion.passed ? " <= " : " > ") + number(*threshold);
    verdict_.criteria.push_back(std::move(criterion));
}

void Judge::latency(const char* name, const std::optional<double>& threshold, const char* percentile) {
    if (!threshold) return;
    Criterion criterion{name, CriterionKind::performance, *threshold, std::nullopt, std::nullopt, false, true, ""};
    if (aa()) {
        criterion.applicable = false;
        criterion.passed = true;
        criterion.explanation = "not judged: an A/A run times the reference against itself";
    } else if (!has_latency()) {
        criterion.explanation = "not measured: the report has no latency";
    } else {
        const auto& interval = report_["latency"]["paths"]["candidate"]["intervals"][percentile];
        const double estimate = interval["estimate"].get<double>() / ns_per_ms;
        const double high = interval["high"].get<double>() / ns_per_ms;
        criterion.measured = estimate;
        criterion.interval = {interval["low"].get<double>() / ns_per_ms, high};
        criterion.passed = high <= *threshold;
        const std::string shown(percentile, std::string_view(percentile).find('_'));  // "p95_ns" -> "p95"
        criterion.explanation = "candidate " + shown + " upper 95 % bound " + number(high) +
                                " ms " + (criterion.passed ? "<= " : "> ") + number(*threshold) + " ms";
    }
    verdict_.criteria.push_back(std::move(criterion));
}

void Judge::speedup(const char* name, const std::optional<double>& threshold, const char* percentile) {
    if (!threshold) return;
    Criterion criterion{name, CriterionKind::performance, *threshold, std::nullopt, std::nullopt, false, true, ""};
    if (aa()) {
        criterion.applicable = false;
        criterion.passed = true;
        criterion.explanation = "not judged: an A/A run compares the reference with itself";
    } else if (!has_latency()) {
        criterion.explanation = "not measured: the report has no latency";
    } else {
        const auto& ratio = report_["latency"]["speedup"][percentile];
        const double low = ratio["ci_low"].get<double>();
        criterion.measured = ratio["value"].get<double>();
        criterion.interval = {low, ratio["ci_high"].get<double>()};
        criterion.passed = low >= *threshold;
        criterion.explanation = std::string("speedup at ") + percentile + " lower 95 % bound " + number(low) +
                                (criterion.passed ? " >= " : " < ") + number(*threshold);
    }
    verdict_.criteria.push_back(std::move(criterion));
}

Verdict Judge::run() {
    const nlohmann::json summary = report_.value("summary", nlohmann::json::object());
    const std::uint64_t compared = count(summary, "compared");

    at_most("max_mismatch_rate", CriterionKind::parity, policy_.max_mismatch_rate,
            compared ? static_cast<double>(count(summary, "mismatched")) / static_cast<double>(compared) : 0.0,
            "mismatched / compared =");
    if (policy_.require_error_parity.value_or(false)) {
        const double errors = static_cast<double>(error_differences(report_));
        at_most("require_error_parity", CriterionKind::parity, 0.0, errors, "differences in raised errors:");
    }
    at_most("max_crashes", CriterionKind::parity, policy_.max_crashes,
            static_cast<double>(count(summary, "crashes") + count(summary, "candidate_unavailable")),
            "crashes (with unusable candidate):");
    at_most("max_timeouts", CriterionKind::parity, policy_.max_timeouts, static_cast<double>(count(summary, "timeouts")),
            "timeouts:");
    latency("candidate_p50_ms_max", policy_.candidate_p50_ms_max, "p50_ns");
    latency("candidate_p95_ms_max", policy_.candidate_p95_ms_max, "p95_ns");
    latency("candidate_p99_ms_max", policy_.candidate_p99_ms_max, "p99_ns");
    speedup("min_speedup_p50", policy_.min_speedup_p50, "p50");
    speedup("min_speedup_p95", policy_.min_speedup_p95, "p95");
    speedup("min_speedup_p99", policy_.min_speedup_p99, "p99");
    if (policy_.max_rss_growth_mb) {
        const auto& memory = report_.value("memory", nlohmann::json::object());
        if (memory.contains("candidate")) {
            at_most("max_rss_growth_mb", CriterionKind::memory, policy_.max_rss_growth_mb,
                    static_cast<double>(memory["candidate"]["rss_growth_bytes"].get<std::int64_t>()) / bytes_per_mb,
                    "candidate RSS growth (MB) over its timed runs:");
        } else {
            verdict_.criteria.push_back({"max_rss_growth_mb", CriterionKind::memory, *policy_.max_rss_growth_mb,
                                         std::nullopt, std::nullopt, false, true, "not measured: no memory section"});
        }
    }
    if (policy_.min_requests) {
        Criterion criterion{"min_requests", CriterionKind::evidence, *policy_.min_requests,
                            static_cast<double>(compared), std::nullopt,
                            static_cast<double>(compared) >= *policy_.min_requests, true, ""};
        criterion.explanation = "compared requests " + number(compared) + (criterion.passed ? " >= " : " < ") +
                                number(*policy_.min_requests);
        verdict_.criteria.push_back(std::move(criterion));
    }

    bool parity_failed = false;
    bool performance_failed = false;
    bool evidence_missing = false;
    for (const auto& criterion : verdict_.criteria) {
        if (criterion.passed) continue;
        verdict_.reasons.push_back(criterion.name + ": " + criterion.explanation);
        switch (criterion.kind) {
            case CriterionKind::parity: parity_failed = true; break;
            case CriterionKind::performance:
            case CriterionKind::memory: performance_failed = true; break;
            case CriterionKind::evidence: evidence_missing = true; break;
        }
    }
    const bool judges_performance = std::any_of(verdict_.criteria.begin(), verdict_.criteria.end(), [](const auto& c) {
        return c.applicable && (c.kind == CriterionKind::performance);
    });
    if (policy_.require_stable_host && judges_performance && has_latency()) {
        const double share = report_["latency"].value("reference_cpu_share", 1.0);
        if (share < harness::minimum_timed_cpu_share) {
            evidence_missing = true;
            verdict_.reasons.push_back("unstable host: the reference path got " + number(100.0 * share) +
                                       " % of a CPU while timed (needs " + number(100.0 * harness::minimum_timed_cpu_share) + " %)");
        }
    }

    // Parity failures are certain whatever the host; performance is only judged on good evidence.
    if (parity_failed) {
        verdict_.decision = Decision::no_go;
        verdict_.exit_code = harness::ExitCode::differences;
    } else if (evidence_missing) {
        verdict_.decision = Decision::undecided;
        verdict_.exit_code = harness::ExitCode::undecidable;
    } else if (performance_failed) {
        verdict_.decision = Decision::no_go;
        verdict_.exit_code = harness::ExitCode::performance;
    }
    return std::move(verdict_);
}

}  // namespace

std::string_view to_string(CriterionKind kind) noexcept {
    switch (kind) {
        case CriterionKind::parity: return "parity";
        case CriterionKind::performance: return "performance";
        case CriterionKind::memory: return "memory";
        case CriterionKind::evidence: return "evidence";
    }
    return "unknown";
}

nlohmann::ordered_json Verdict::to_json() const {
    const char* name = decision == Decision::go ? "GO" : decision == Decision::no_go ? "NO-GO" : "UNDECIDED";
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& criterion : criteria) {
        nlohmann::ordered_json entry = {{"name", criterion.name},
                                        {"kind", std::string(to_string(criterion.kind))},
                                        {"threshold", criterion.threshold}};
        entry["measured"] = criterion.measured ? nlohmann::ordered_json(*criterion.measured) : nlohmann::ordered_json();
        entry["interval"] = criterion.interval
                                ? nlohmann::ordered_json::array({criterion.interval->first, criterion.interval->second})
                                : nlohmann::ordered_json();
        entry["passed"] = criterion.passed;
        entry["applicable"] = criterion.applicable;
        entry["explanation"] = criterion.explanation;
        list.push_back(std::move(entry));
    }
    return {{"verdict", name}, {"exit_code", harness::to_int(exit_code)}, {"reasons", reasons}, {"criteria", list}};
}

Verdict evaluate(const nlohmann::json& report, const Policy& policy) {
    return Judge(report, policy).run();
}

void print_verdict(const Verdict& verdict, std::ostream& out) {
    const auto document = verdict.to_json();
    out << "parity gate: " << document["verdict"].get<std::string>() << " (exit " << harness::to_int(verdict.exit_code)
        << ")\n";
    for (const auto& criterion : verdict.criteria) {
        const char* status = !criterion.applicable ? "N/A " : criterion.passed ? "PASS" : "FAIL";
        char line[96];
        std::snprintf(line, sizeof line, "  %s  %-22s threshold %-10s", status, criterion.name.c_str(),
                      number(criterion.threshold).c_str());
        out << line << " measured " << (criterion.measured ? number(*criterion.measured) : std::string("-"));
        if (criterion.interval) {
            out << " [" << number(criterion.interval->first) << ", " << number(criterion.interval->second) << "]";
        }
        out << "  " << criterion.explanation << "\n";
    }
    for (const auto& reason : verdict.reasons) {
        if (reason.starts_with("unstable host")) out << "  " << reason << "\n";
    }
}

}  // namespace parity::gate
