#include "headline.hpp"

namespace parity::reports::detail {
namespace {

/// Problems of the inputs named in the note; the rest are counted.
constexpr std::size_t problems_named = 3;

std::string summary_text(const replay::Summary& summary, bool& all_match) {
    const std::uint64_t requests = summary.requests;
    const std::uint64_t compared = summary.compared;
    const std::uint64_t matched = summary.matched;
    const std::uint64_t mismatched = summary.mismatched;
    const std::uint64_t crashes = summary.crashes;
    const std::uint64_t timeouts = summary.timeouts;
    const std::uint64_t unavailable = summary.candidate_unavailable;
    all_match = requests > 0 && mismatched == 0 && crashes == 0 && timeouts == 0 && unavailable == 0 &&
                matched == compared && compared > 0;
    if (requests == 0)
        return "no requests replayed";
    if (all_match)
        return std::to_string(matched) + "/" + std::to_string(compared) + " requests match";
    const std::uint64_t failing = mismatched + crashes + timeouts + unavailable;
    if (failing == mismatched) {
        return std::to_string(mismatched) + " of " + std::to_string(requests) + " requests differ";
    }
    std::string text = std::to_string(failing) + " of " + std::to_string(requests) + " requests fail:";
    const auto part = [&](std::uint64_t n, const char* what) {
        if (n == 0)
            return;
        text += (text.back() == ':' ? " " : ", ") + std::to_string(n) + " " + what;
    };
    part(mismatched, "differ");
    part(crashes, "crashed");
    part(timeouts, "timed out");
    part(unavailable, "without candidate");
    return text;
}

}  // namespace

Headline headline(const ReportInputs& inputs) {
    Headline line;
    bool all_match = false;
    line.summary = summary_text(inputs.report.summary, all_match);
    if (!inputs.report.corpus.complete)
        line.summary += ", corpus incomplete";  // partial evidence: never a plain pass
    if (const replay::Summary& summary = inputs.report.summary; summary.reference_drift > 0) {
        // Both paths agreeing says nothing when the reference no longer gives the recorded answers.
        all_match = false;
        line.summary += "; the reference drifted from the recording on " +
                        std::to_string(summary.reference_drift) + " of " +
                        std::to_string(summary.recorded_checked);
    }
    if (const auto& baseline = inputs.report.baseline; baseline && baseline->summary.mismatched > 0) {
        // Not a failure by itself (the gate's require_baseline_parity decides), but a change of
        // behaviour against production that a reader must see first.
        line.summary += "; " + std::to_string(baseline->summary.mismatched) + " of " +
                        std::to_string(baseline->summary.compared) + " differ from the baseline";
    }
    if (inputs.verdict) {
        line.verdict = std::string(gate::to_string(inputs.verdict->decision));
        line.tone = inputs.verdict->decision == gate::Decision::go      ? Tone::pass
                    : inputs.verdict->decision == gate::Decision::no_go ? Tone::fail
                                                                        : Tone::undecided;
        return line;
    }
    const bool replayed = inputs.report.summary.requests > 0;
    line.tone = all_match  ? (inputs.report.corpus.complete ? Tone::pass : Tone::undecided)
                : replayed ? Tone::fail
                           : Tone::undecided;
    return line;
}

std::string problems_text(const ReportInputs& inputs) {
    if (inputs.problems.empty())
        return "";
    std::string text = "incomplete input, " + std::to_string(inputs.problems.size()) +
                       " keys missing or malformed and shown as 0 or empty: ";
    for (std::size_t i = 0; i < inputs.problems.size() && i < problems_named; ++i)
        text += (i == 0 ? "" : "; ") + inputs.problems[i];
    return text + (inputs.problems.size() > problems_named ? "; …" : "");
}

std::string_view icon(Tone tone, IconSet set) {
    if (set == IconSet::symbols) {
        switch (tone) {
            case Tone::pass:
                return "✓";
            case Tone::fail:
                return "✗";
            case Tone::undecided:
                return "⚠";
        }
    }
    switch (tone) {
        case Tone::pass:
            return "✅";
        case Tone::fail:
            return "❌";
        case Tone::undecided:
            return "⚠️";
    }
    return "⚠️";
}

std::string headline_text(const Headline& line, IconSet set) {
    std::string text(icon(line.tone, set));
    text += ' ';
    if (!line.verdict.empty())
        text += line.verdict + ": ";
    return text + line.summary;
}

}  // namespace parity::reports::detail
