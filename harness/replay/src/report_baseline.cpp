#include "parity/replay/report_baseline.hpp"

namespace parity::replay {

BaselineSummary& operator+=(BaselineSummary& summary, const BaselineSummary& other) {
    summary.compared += other.compared;
    summary.matched += other.matched;
    summary.mismatched += other.mismatched;
    summary.crashes += other.crashes;
    summary.timeouts += other.timeouts;
    summary.unavailable += other.unavailable;
    return summary;
}

void to_json(nlohmann::ordered_json& json, const BaselineSummary& summary) {
    json = {{"compared", summary.compared},     {"matched", summary.matched},
            {"mismatched", summary.mismatched}, {"crashes", summary.crashes},
            {"timeouts", summary.timeouts},     {"unavailable", summary.unavailable}};
}

void read_model(const harness::ModelReader& in, BaselineSummary& summary) {
    in.required("compared", summary.compared);
    in.required("matched", summary.matched);
    in.required("mismatched", summary.mismatched);
    in.required("crashes", summary.crashes);
    in.required("timeouts", summary.timeouts);
    in.required("unavailable", summary.unavailable);
    const std::uint64_t counted =
        summary.matched + summary.mismatched + summary.crashes + summary.timeouts + summary.unavailable;
    if (counted != summary.compared) {
        in.problem("compared", "is " + std::to_string(summary.compared) +
                                   " but matched + mismatched + crashes + "
                                   "timeouts + unavailable is " +
                                   std::to_string(counted));
    }
}

void to_json(nlohmann::ordered_json& json, const BaselineReport& baseline) {
    json = {
        {"adapter", baseline.adapter},   {"python_path", baseline.python_path},
        {"summary", baseline.summary},   {"fields", baseline.fields},
        {"problems", baseline.problems}, {"requests_with_differences", baseline.requests_with_differences}};
}

void read_model(const harness::ModelReader& in, BaselineReport& baseline) {
    in.required("adapter", baseline.adapter);
    in.required("python_path", baseline.python_path);
    in.required("summary", baseline.summary);
    in.required("fields", baseline.fields);
    in.required("problems", baseline.problems);
    in.required("requests_with_differences", baseline.requests_with_differences);
}

}  // namespace parity::replay
