#include "parity/replay/report_size_cap.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace parity::replay {
namespace {

/// Rounds of measuring and leaving out: each removes at least the excess measured compact, which the
/// indented text exceeds, so one round is enough unless the estimate of a part was short.
constexpr int max_rounds = 4;
constexpr std::uint64_t warning_room = 1024;

std::uint64_t written_size(const Report& report) {
    return nlohmann::ordered_json(report)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
               .size() +
           1;
}

std::uint64_t compact_size(const nlohmann::ordered_json& json) {
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size();
}

/// Calls `leave_out` (which returns the bytes it removed, 0 when nothing is left to remove) until
/// `excess` bytes are gone. Counts the parts left out in `left_out`.
bool remove(std::uint64_t& excess, std::uint64_t& left_out, const std::function<std::uint64_t()>& leave_out) {
    while (excess > 0) {
        const std::uint64_t removed = leave_out();
        if (removed == 0)
            return false;
        ++left_out;
        excess -= std::min(excess, removed);
    }
    return true;
}

/// The last field (of `fields`) holding what `has` finds, or nullptr.
template <typename Field, typename Has>
Field* last_with(std::vector<Field>& fields, Has has) {
    for (auto field = fields.rbegin(); field != fields.rend(); ++field) {
        if (has(*field))
            return &*field;
    }
    return nullptr;
}

template <typename Field>
std::uint64_t drop_an_input(std::vector<Field>& fields) {
    for (auto field = fields.rbegin(); field != fields.rend(); ++field) {
        for (auto example = field->examples.rbegin(); example != field->examples.rend(); ++example) {
            if (example->input) {
                const std::uint64_t size = compact_size(nlohmann::ordered_json(*example->input));
                example->input.reset();
                return size + 1;
            }
        }
    }
    return 0;
}

template <typename Field>
std::uint64_t drop_an_example(std::vector<Field>& fields) {
    Field* field = last_with(fields, [](const Field& f) { return !f.examples.empty(); });
    if (field == nullptr)
        return 0;
    const std::uint64_t size = compact_size(nlohmann::ordered_json(field->examples.back()));
    field->examples.pop_back();
    return size + 1;
}

template <typename Field>
std::uint64_t drop_a_field(std::vector<Field>& fields) {
    if (fields.empty())
        return 0;
    const std::uint64_t size = compact_size(nlohmann::ordered_json(fields.back()));
    fields.pop_back();
    return size + 1;
}

/// The warnings report_limits.cpp writes start so.
constexpr std::string_view limits_warning_start = "output caps hit:";

}  // namespace

void merge_limits(Report& merged, const std::vector<Report>& shards) {
    std::optional<Limits> limits;
    for (const Report& shard : shards) {
        if (!shard.limits)
            continue;
        if (!limits) {
            limits = shard.limits;
            continue;
        }
        for (auto [total, more] : {std::pair{&limits->output_depth, &shard.limits->output_depth},
                                   std::pair{&limits->output_bytes, &shard.limits->output_bytes},
                                   std::pair{&limits->value_bytes, &shard.limits->value_bytes},
                                   std::pair{&limits->written_depth, &shard.limits->written_depth},
                                   std::pair{&limits->bundle_bytes, &shard.limits->bundle_bytes},
                                   std::pair{&limits->report_bytes, &shard.limits->report_bytes}}) {
            total->hits += more->hits;
        }
    }
    merged.limits = limits;
    if (!limits)
        return;
    std::erase_if(merged.warnings,
                  [](const std::string& warning) { return warning.starts_with(limits_warning_start); });
    if (const std::string warning = limits_warning(*limits); !warning.empty())
        merged.warnings.push_back(warning);
    merged.limits->report_bytes.hits += hold_report_size(merged, limits->report_bytes.cap);
}

std::uint64_t hold_report_size(Report& report, std::uint64_t max_bytes) {
    std::uint64_t left_out = 0;
    std::uint64_t fields_left_out = 0;
    // Room for the warning below and the hit counts in "limits".
    const std::uint64_t target = max_bytes > 4 * warning_room ? max_bytes - warning_room : max_bytes;
    for (int round = 0; round < max_rounds; ++round) {
        const std::uint64_t size = written_size(report);
        if (size <= target)
            break;
        std::uint64_t excess = size - target;
        const std::uint64_t before = left_out;
        // The noise's examples go before the port's: they are not counted against it. The comparisons
        // with the recording come next, the candidate's before the reference's drift.
        auto& noise = report.nondeterministic;
        auto& candidate_recorded = report.recorded.candidate_vs_recorded;
        auto& drift = report.recorded.reference_drift;
        auto& port = report.fields;
        remove(excess, left_out, [&] { return drop_an_input(noise); }) ||
            remove(excess, left_out, [&] { return drop_an_input(candidate_recorded); }) ||
            remove(excess, left_out, [&] { return drop_an_input(drift); }) ||
            remove(excess, left_out, [&] { return drop_an_input(port); }) ||
            remove(excess, left_out, [&] { return drop_an_example(noise); }) ||
            remove(excess, left_out, [&] { return drop_an_example(candidate_recorded); }) ||
            remove(excess, left_out, [&] { return drop_an_example(drift); }) ||
            remove(excess, left_out, [&] { return drop_an_example(port); }) ||
            remove(excess, fields_left_out, [&] { return drop_a_field(noise); }) ||
            remove(excess, fields_left_out, [&] { return drop_a_field(candidate_recorded); }) ||
            remove(excess, fields_left_out, [&] { return drop_a_field(drift); }) ||
            remove(excess, fields_left_out, [&] { return drop_a_field(port); }) ||
            remove(excess, left_out, [&] {
                if (report.requests_with_differences.empty())
                    return std::uint64_t{0};
                const std::uint64_t removed = report.requests_with_differences.back().size() + 8;
                report.requests_with_differences.pop_back();
                return removed;
            });
        if (left_out + fields_left_out == before)
            break;  // nothing left to leave out
    }
    left_out += fields_left_out;
    if (left_out > 0) {
        report.warnings.push_back("report.json held to " + std::to_string(max_bytes) +
                                  " bytes (--max-report-bytes): " + std::to_string(left_out) +
                                  " examples, inputs or listed items left out" +
                                  (fields_left_out > 0 ? ", among them " + std::to_string(fields_left_out) +
                                                             " fields with the fewest requests"
                                                       : std::string()) +
                                  "; the counts are whole");
    }
    return left_out;
}

}  // namespace parity::replay
