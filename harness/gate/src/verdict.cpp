#include "parity/gate/verdict.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "parity/harness/host_stability.hpp"

namespace parity::gate {
namespace {

constexpr double bytes_per_mb = 1024.0 * 1024.0;
constexpr double ns_per_ms = 1e6;

std::string number(double value) {
    char text[48];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

/// Sums the counts of the error kinds over every differing field.
std::uint64_t error_differences(const replay::Report& report) {
    std::uint64_t total = 0;
    for (const auto& field : report.fields) {
        for (const char* kind : {"error_vs_value", "error_type", "error_message"}) {
            if (const auto found = field.types.find(kind); found != field.types.end())
                total += found->second;
        }
    }
    return total;
}

/// A percentile of the report's latency section, named as in the explanations ("p95").
struct Percentile {
    const char* name;
    replay::PercentileInterval replay::PercentileIntervals::*interval;
    replay::SpeedupRatio replay::Speedups::*speedup;
    replay::SpeedupRatio replay::BaselineRatios::*vs_baseline;
    double replay::DetectableSlowdowns::*detectable;
};

constexpr Percentile p50{"p50", &replay::PercentileIntervals::p50_ns, &replay::Speedups::p50,
                         &replay::BaselineRatios::p50, &replay::DetectableSlowdowns::p50};
constexpr Percentile p95{"p95", &replay::PercentileIntervals::p95_ns, &replay::Speedups::p95,
                         &replay::BaselineRatios::p95, &replay::DetectableSlowdowns::p95};
constexpr Percentile p99{"p99", &replay::PercentileIntervals::p99_ns, &replay::Speedups::p99,
                         &replay::BaselineRatios::p99, &replay::DetectableSlowdowns::p99};

/// "13.2 %": three significant digits say what a detectable slowdown or a margin needs.
std::string percent(double fraction) {
    char text[48];
    std::snprintf(text, sizeof text, "%.3g %%", 100.0 * fraction);
    return text;
}

class Judge {
  public:
    Judge(const replay::Report& report, const Policy& policy) : report_(report), policy_(policy) {}

    Verdict run();

  private:
    void at_most(const char* name, CriterionKind kind, const std::optional<double>& threshold,
                 double measured, const std::string& what);
    void latency(const char* name, const std::optional<double>& threshold, const Percentile& percentile);
    void reference_drift();
    void speedup(const char* name, const std::optional<double>& threshold, const Percentile& percentile);
    void slowdown_vs_baseline(const char* name, const std::optional<double>& threshold,
                              const Percentile& percentile);
    void baseline_parity();
    /// min_requests and require_complete_corpus: is there evidence enough to decide at all.
    void evidence_criteria();
    /// "3 requests skipped, not compared (first: requests.jsonl:178: …)".
    [[nodiscard]] std::string skipped_requests(std::uint64_t skipped) const;
    /// An adapter that could not be set up means the replay failed: noted as a reason; true if so.
    bool note_failed_setup();
    /// Timed samples summarised: without them no latency or speedup criterion can pass.
    [[nodiscard]] bool has_latency() const {
        return report_.latency && report_.latency->paths && report_.latency->speedup;
    }
    [[nodiscard]] bool aa() const {
        return report_.reference == report_.candidate;
    }

    const replay::Report& report_;
    const Policy& policy_;
    Verdict verdict_;
    // Criteria whose threshold is finer than the run could detect: undecided, unless something failed
    // for certain.
    std::set<std::string> undetectable_;
};

void Judge::at_most(const char* name, CriterionKind kind, const std::optional<double>& threshold,
                    double measured, const std::string& what) {
    if (!threshold)
        return;
    Criterion criterion{name, kind, *threshold, measured, std::nullopt, measured <= *threshold, true, ""};
    criterion.explanation =
        what + " " + number(measured) + (criterion.passed ? " <= " : " > ") + number(*threshold);
    verdict_.criteria.push_back(std::move(criterion));
}

void Judge::latency(const char* name, const std::optional<double>& threshold, const Percentile& percentile) {
    if (!threshold)
        return;
    Criterion criterion{name, CriterionKind::performance, *threshold, std::nullopt, std::nullopt, false, true,
                        ""};
    if (aa()) {
        criterion.applicable = false;
        criterion.passed = true;
        criterion.explanation = "not judged: an A/A run times the reference against itself";
    } else if (!has_latency()) {
        criterion.explanation = "not measured: the report has no latency";
    } else {
        const auto& interval = report_.latency->paths->candidate.intervals.*percentile.interval;
        const double estimate = interval.estimate / ns_per_ms;
        const double high = interval.high / ns_per_ms;
        criterion.measured = estimate;
        criterion.interval = {interval.low / ns_per_ms, high};
        criterion.passed = high <= *threshold;
        criterion.explanation = std::string("candidate ") + percentile.name + " upper 95 % bound " +
                                number(high) + " ms " + (criterion.passed ? "<= " : "> ") +
                                number(*threshold) + " ms";
    }
    verdict_.criteria.push_back(std::move(criterion));
}

void Judge::speedup(const char* name, const std::optional<double>& threshold, const Percentile& percentile) {
    if (!threshold)
        return;
    Criterion criterion{name, CriterionKind::performance, *threshold, std::nullopt, std::nullopt, false, true,
                        ""};
    if (aa()) {
        criterion.applicable = false;
        criterion.passed = true;
        criterion.explanation = "not judged: an A/A run compares the reference with itself";
    } else if (!has_latency()) {
        criterion.explanation = "not measured: the report has no latency";
    } else {
        const auto& ratio = (*report_.latency->speedup).*percentile.speedup;
        const double low = ratio.ci_low;
        criterion.measured = ratio.value;
        criterion.interval = {low, ratio.ci_high};
        criterion.passed = low >= *threshold;
        criterion.explanation = std::string("speedup at ") + percentile.name + " lower 95 % bound " +
                                number(low) + (criterion.passed ? " >= " : " < ") + number(*threshold);
    }
    verdict_.criteria.push_back(std::move(criterion));
}

/// percentile(candidate) / percentile(baseline), judged on its upper bound. Between the bounds, a
/// threshold finer than the run's minimum detectable slowdown is undecided: a run that noisy would fail
/// an unchanged candidate by chance. Beyond the lower bound it fails whatever the noise.
void Judge::slowdown_vs_baseline(const char* name, const std::optional<double>& threshold,
                                 const Percentile& percentile) {
    if (!threshold)
        return;
    Criterion criterion{name, CriterionKind::performance, *threshold, std::nullopt, std::nullopt, false, true,
                        ""};
    const auto* latency = report_.latency ? &*report_.latency : nullptr;
    if (!report_.baseline) {
        criterion.kind = CriterionKind::evidence;
        criterion.explanation = "not measured: the report has no baseline (parity replay --baseline)";
    } else if (latency == nullptr || !latency->vs_baseline || !latency->minimum_detectable_slowdown ||
               !latency->minimum_detectable_slowdown->vs_baseline) {
        criterion.kind = CriterionKind::evidence;
        criterion.explanation = "not measured: no timed run where both the candidate and the baseline ran";
    } else {
        const replay::SpeedupRatio& ratio = (*latency->vs_baseline).*percentile.vs_baseline;
        const double detectable = (*latency->minimum_detectable_slowdown->vs_baseline).*percentile.detectable;
        criterion.measured = ratio.value;
        criterion.interval = {ratio.ci_low, ratio.ci_high};
        const std::string what = std::string("candidate / baseline at ") + percentile.name;
        if (ratio.ci_high <= *threshold) {
            criterion.passed = true;
            criterion.explanation =
                what + " upper 95 % bound " + number(ratio.ci_high) + " <= " + number(*threshold);
        } else if (ratio.ci_low > *threshold) {
            criterion.explanation = what + " lower 95 % bound " + number(ratio.ci_low) + " > " +
                                    number(*threshold) + ": slower beyond the run's noise";
        } else if (detectable > *threshold - 1.0) {
            criterion.kind = CriterionKind::evidence;
            undetectable_.insert(criterion.name);
            criterion.explanation = "threshold " + number(*threshold) + " (" + percent(*threshold - 1.0) +
                                    " slower) is finer than this run can detect at " + percentile.name +
                                    " (minimum detectable slowdown " + percent(detectable) +
                                    "): more requests or --repeat, or a quieter host";
        } else {
            criterion.explanation =
                what + " upper 95 % bound " + number(ratio.ci_high) + " > " + number(*threshold);
        }
    }
    verdict_.criteria.push_back(std::move(criterion));
}

/// The candidate gives the baseline's outputs and errors on every compared request.
void Judge::baseline_parity() {
    if (!policy_.require_baseline_parity.value_or(false))
        return;
    Criterion criterion{
        "require_baseline_parity", CriterionKind::parity, 0.0, std::nullopt, std::nullopt, false, true, ""};
    if (!report_.baseline) {
        criterion.kind = CriterionKind::evidence;
        criterion.explanation = "not measured: the report has no baseline (parity replay --baseline)";
    } else if (const replay::BaselineSummary& s = report_.baseline->summary;
               s.compared == 0 || s.unavailable > 0) {
        criterion.kind = CriterionKind::evidence;
        criterion.explanation = "the baseline ran on " +
                                number(static_cast<double>(s.compared - s.unavailable)) + " of " +
                                number(static_cast<double>(s.compared)) + " compared requests";
        for (const auto& problem : report_.baseline->problems) {
            criterion.explanation += "; " + problem;
            break;  // the first says why
        }
    } else {
        const double differing = static_cast<double>(s.mismatched + s.crashes + s.timeouts);
        criterion.measured = differing;
        criterion.passed = differing == 0;
        criterion.explanation = "requests where the candidate differs from the baseline (" +
                                number(static_cast<double>(s.mismatched)) + " outcomes, " +
                                number(static_cast<double>(s.crashes)) + " baseline crashes, " +
                                number(static_cast<double>(s.timeouts)) +
                                " baseline timeouts): " + number(differing) +
                                (criterion.passed ? " = 0" : " > 0");
    }
    verdict_.criteria.push_back(std::move(criterion));
}

/// Applied by default: a reference that no longer gives production's answers makes every other parity
/// criterion meaningless (both paths may agree on the wrong thing).
void Judge::reference_drift() {
    const replay::Summary& summary = report_.summary;
    if (!policy_.max_reference_drift_rate && summary.recorded_checked == 0)
        return;
    const double threshold = policy_.max_reference_drift_rate.value_or(0.0);
    if (summary.recorded_checked == 0) {
        verdict_.criteria.push_back({"max_reference_drift_rate", CriterionKind::parity, threshold,
                                     std::nullopt, std::nullopt, true, true,
                                     "no request carried a recorded outcome: nothing to drift from"});
        return;
    }
    const double rate =
        static_cast<double>(summary.reference_drift) / static_cast<double>(summary.recorded_checked);
    at_most("max_reference_drift_rate", CriterionKind::parity, threshold, rate,
            "reference drift (" + number(static_cast<double>(summary.reference_drift)) + " of " +
                number(static_cast<double>(summary.recorded_checked)) +
                " requests differ from their recorded outcome) =");
}

void Judge::evidence_criteria() {
    const auto compared = static_cast<double>(report_.summary.compared);
    Criterion requests{"min_requests",
                       CriterionKind::evidence,
                       policy_.min_requests,
                       compared,
                       std::nullopt,
                       compared >= policy_.min_requests,
                       true,
                       ""};
    requests.explanation = "compared requests " + number(compared) + (requests.passed ? " >= " : " < ") +
                           number(policy_.min_requests);
    verdict_.criteria.push_back(std::move(requests));

    if (!policy_.require_complete_corpus)
        return;
    // Whole means every segment and shard there, and every request in them replayed: a request skipped
    // (a line or fixture that could not be read, no usable reference) is evidence missing as much as a
    // segment is.
    const replay::CorpusInfo& corpus = report_.corpus;
    const std::uint64_t skipped = report_.summary.skipped;
    const bool whole = corpus.complete && skipped == 0;
    Criterion complete{"require_complete_corpus",
                       CriterionKind::evidence,
                       1.0,
                       whole ? 1.0 : 0.0,
                       std::nullopt,
                       whole,
                       true,
                       ""};
    if (whole) {
        complete.explanation = "the corpus was replayed whole";
    } else {
        std::vector<std::string> reasons = corpus.problems;
        if (skipped > 0)
            reasons.push_back(skipped_requests(skipped));
        complete.explanation = "the corpus is incomplete";
        for (std::size_t i = 0; i < reasons.size(); ++i)
            complete.explanation += (i == 0 ? ": " : "; ") + reasons[i];
    }
    verdict_.criteria.push_back(std::move(complete));
}

std::string Judge::skipped_requests(std::uint64_t skipped) const {
    std::string text = number(static_cast<double>(skipped)) + (skipped == 1 ? " request" : " requests") +
                       " skipped, not compared";
    const auto first =
        std::find_if(report_.outcomes.begin(), report_.outcomes.end(),
                     [](const auto& outcome) { return outcome.outcome == replay::RequestOutcome::skipped; });
    if (first != report_.outcomes.end())
        text += " (first: " + first->detail + ")";
    return text;
}

bool Judge::note_failed_setup() {
    for (const auto& problem : report_.problems.adapters)
        verdict_.reasons.push_back("replay failed: " + problem);
    return !report_.problems.adapters.empty();
}

Verdict Judge::run() {
    const replay::Summary& summary = report_.summary;
    const std::uint64_t compared = summary.compared;

    at_most("max_mismatch_rate", CriterionKind::parity, policy_.max_mismatch_rate,
            compared ? static_cast<double>(summary.mismatched) / static_cast<double>(compared) : 0.0,
            "mismatched / compared =");
    if (policy_.require_error_parity.value_or(false)) {
        const double errors = static_cast<double>(error_differences(report_));
        at_most("require_error_parity", CriterionKind::parity, 0.0, errors, "differences in raised errors:");
    }
    reference_drift();
    at_most("max_crashes", CriterionKind::parity, policy_.max_crashes,
            static_cast<double>(summary.crashes + summary.candidate_unavailable),
            "crashes (with unusable candidate):");
    at_most("max_timeouts", CriterionKind::parity, policy_.max_timeouts,
            static_cast<double>(summary.timeouts), "timeouts:");
    latency("candidate_p50_ms_max", policy_.candidate_p50_ms_max, p50);
    latency("candidate_p95_ms_max", policy_.candidate_p95_ms_max, p95);
    latency("candidate_p99_ms_max", policy_.candidate_p99_ms_max, p99);
    speedup("min_speedup_p50", policy_.min_speedup_p50, p50);
    speedup("min_speedup_p95", policy_.min_speedup_p95, p95);
    speedup("min_speedup_p99", policy_.min_speedup_p99, p99);
    slowdown_vs_baseline("max_slowdown_vs_baseline_p50", policy_.max_slowdown_vs_baseline_p50, p50);
    slowdown_vs_baseline("max_slowdown_vs_baseline_p95", policy_.max_slowdown_vs_baseline_p95, p95);
    slowdown_vs_baseline("max_slowdown_vs_baseline_p99", policy_.max_slowdown_vs_baseline_p99, p99);
    baseline_parity();
    if (policy_.max_rss_growth_mb) {
        if (report_.memory) {
            at_most("max_rss_growth_mb", CriterionKind::memory, policy_.max_rss_growth_mb,
                    static_cast<double>(report_.memory->candidate.rss_growth_bytes) / bytes_per_mb,
                    "candidate RSS growth (MB) over its timed runs:");
        } else {
            verdict_.criteria.push_back({"max_rss_growth_mb", CriterionKind::memory,
                                         *policy_.max_rss_growth_mb, std::nullopt, std::nullopt, false, true,
                                         "not measured: no memory section"});
        }
    }
    evidence_criteria();

    bool parity_failed = false;
    bool performance_failed = false;
    bool evidence_missing = false;
    bool undetectable = false;
    for (const auto& criterion : verdict_.criteria) {
        if (criterion.passed)
            continue;
        verdict_.reasons.push_back(criterion.name + ": " + criterion.explanation);
        if (undetectable_.contains(criterion.name)) {
            undetectable = true;
            continue;
        }
        switch (criterion.kind) {
            case CriterionKind::parity:
                parity_failed = true;
                break;
            case CriterionKind::performance:
            case CriterionKind::memory:
                performance_failed = true;
                break;
            case CriterionKind::evidence:
                evidence_missing = true;
                break;
        }
    }
    if (note_failed_setup())
        evidence_missing = true;
    const bool judges_performance =
        std::any_of(verdict_.criteria.begin(), verdict_.criteria.end(), [&](const auto& c) {
            return c.applicable && (c.kind == CriterionKind::performance || undetectable_.contains(c.name));
        });
    if (policy_.require_stable_host && judges_performance && has_latency()) {
        const auto share = report_.latency->reference_cpu_share;
        if (!share) {
            evidence_missing = true;  // stability unknown is not stability
            verdict_.reasons.push_back(
                "unstable host: the report does not say how much CPU the reference got");
        } else if (*share < harness::minimum_timed_cpu_share) {
            evidence_missing = true;
            verdict_.reasons.push_back("unstable host: the reference path got " + number(100.0 * *share) +
                                       " % of a CPU while timed (needs " +
                                       number(100.0 * harness::minimum_timed_cpu_share) + " %)");
        }
    }

    // Parity failures are certain whatever the host; performance is only judged on good evidence. A
    // threshold the run could not resolve leaves the verdict open unless another one failed for certain.
    if (parity_failed) {
        verdict_.decision = Decision::no_go;
        verdict_.exit_code = harness::ExitCode::differences;
    } else if (evidence_missing) {
        verdict_.decision = Decision::undecided;
        verdict_.exit_code = harness::ExitCode::undecidable;
    } else if (performance_failed) {
        verdict_.decision = Decision::no_go;
        verdict_.exit_code = harness::ExitCode::performance;
    } else if (undetectable) {
        verdict_.decision = Decision::undecided;
        verdict_.exit_code = harness::ExitCode::undecidable;
    } else {
        verdict_.decision = Decision::go;
        verdict_.exit_code = harness::ExitCode::success;
    }
    return std::move(verdict_);
}

}  // namespace

Verdict evaluate(const replay::Report& report, const Policy& policy) {
    return Judge(report, policy).run();
}

void print_verdict(const Verdict& verdict, std::ostream& out) {
    out << "parity gate: " << to_string(verdict.decision) << " (exit " << harness::to_int(verdict.exit_code)
        << ")\n";
    for (const auto& criterion : verdict.criteria) {
        const char* status = !criterion.applicable ? "N/A " : criterion.passed ? "PASS" : "FAIL";
        char line[96];
        std::snprintf(line, sizeof line, "  %s  %-24s threshold %-10s", status, criterion.name.c_str(),
                      number(criterion.threshold).c_str());
        out << line << " measured " << (criterion.measured ? number(*criterion.measured) : std::string("-"));
        if (criterion.interval) {
            out << " [" << number(criterion.interval->first) << ", " << number(criterion.interval->second)
                << "]";
        }
        out << "  " << criterion.explanation << "\n";
    }
    for (const auto& reason : verdict.reasons) {
        if (reason.starts_with("unstable host") || reason.starts_with("replay failed"))
            out << "  " << reason << "\n";
    }
}

}  // namespace parity::gate
