#include "parity/replay/field_aggregator.hpp"

#include <algorithm>

namespace parity::replay {

void FieldAggregator::add(const std::string& request_id, const std::vector<diff::Difference>& differences,
                          const nlohmann::json& input, const std::string& repro) {
    std::set<std::string> seen_in_request;
    for (const auto& difference : differences) {
        FieldStats& stats = stats_[difference.pattern];
        stats.pattern = difference.pattern;
        ++stats.differences;
        ++stats.kinds[std::string(diff::to_string(difference.kind))];
        if (seen_in_request.insert(difference.pattern).second) {
            ++stats.requests;
        }
        if (stats.examples.size() < examples_per_pattern_) {
            stats.examples.push_back(FieldExample{request_id, difference, input, repro});
        }
    }
}

std::vector<FieldStats> FieldAggregator::sorted(const std::set<std::string>& excluded, bool take_excluded) const {
    std::vector<FieldStats> result;
    for (const auto& [pattern, stats] : stats_) {
        if (excluded.contains(pattern) == take_excluded) {
            result.push_back(stats);
        }
    }
    std::stable_sort(result.begin(), result.end(), [](const FieldStats& a, const FieldStats& b) {
        return a.requests != b.requests ? a.requests > b.requests : a.pattern < b.pattern;
    });
    return result;
}

std::set<std::string> patterns_of(const std::vector<diff::Difference>& differences) {
    std::set<std::string> patterns;
    for (const auto& difference : differences) {
        patterns.insert(difference.pattern);
    }
    return patterns;
}

}  // namespace parity::replay
