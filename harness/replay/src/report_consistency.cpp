#include "parity/replay/report_consistency.hpp"

namespace parity::replay {
namespace {

std::string counts(std::initializer_list<std::pair<const char*, std::uint64_t>> terms) {
    std::string text;
    for (const auto& [key, value] : terms)
        text +=
            (text.empty() ? "" : " + ") + std::string("summary.") + key + " (" + std::to_string(value) + ")";
    return text;
}

}  // namespace

std::vector<std::string> summary_inconsistencies(const Report& report) {
    const Summary& s = report.summary;
    std::vector<std::string> problems;
    if (s.matched + s.mismatched != s.compared) {
        problems.push_back(counts({{"matched", s.matched}, {"mismatched", s.mismatched}}) +
                           " != summary.compared (" + std::to_string(s.compared) + ")");
    }
    for (const auto& [key, errors] : {std::pair{"reference_errors", s.reference_errors},
                                      std::pair{"candidate_errors", s.candidate_errors}}) {
        if (errors > s.compared) {
            problems.push_back(counts({{key, errors}}) + " > summary.compared (" +
                               std::to_string(s.compared) + ")");
        }
    }
    const std::uint64_t ran_once = s.compared + s.skipped + s.candidate_unavailable;
    const std::uint64_t accounted = ran_once + s.crashes + s.timeouts;
    const std::string total = " summary.requests (" + std::to_string(s.requests) + ")";
    const bool repeated = report.options && report.options->repeat > 1;
    const auto all_terms = counts({{"compared", s.compared},
                                   {"crashes", s.crashes},
                                   {"timeouts", s.timeouts},
                                   {"skipped", s.skipped},
                                   {"candidate_unavailable", s.candidate_unavailable}});
    if (!repeated && accounted != s.requests) {
        problems.push_back(all_terms + " !=" + total);
    } else if (repeated && accounted < s.requests) {
        problems.push_back(all_terms + " <" + total);
    } else if (repeated && ran_once > s.requests) {
        problems.push_back(counts({{"compared", s.compared},
                                   {"skipped", s.skipped},
                                   {"candidate_unavailable", s.candidate_unavailable}}) +
                           " >" + total);
    }
    return problems;
}

}  // namespace parity::replay
