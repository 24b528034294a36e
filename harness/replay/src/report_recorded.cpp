#include "parity/replay/report_recorded.hpp"

namespace parity::replay {

void to_json(nlohmann::ordered_json& json, const RecordedIgnore& ignore) {
    json = {
        {"redaction", ignore.redaction},   {"action", ignore.action}, {"output_paths", ignore.output_paths},
        {"error_keys", ignore.error_keys}, {"legacy", ignore.legacy}, {"reason", ignore.reason}};
}

void read_model(const harness::ModelReader& in, RecordedIgnore& ignore) {
    in.required("redaction", ignore.redaction);
    in.required("action", ignore.action);
    in.required("output_paths", ignore.output_paths);
    in.required("error_keys", ignore.error_keys);
    in.required("legacy", ignore.legacy);
    in.required("reason", ignore.reason);
}

void to_json(nlohmann::ordered_json& json, const RecordedComparisons& recorded) {
    json = {{"ignored", recorded.ignored},
            {"reference_drift", recorded.reference_drift},
            {"candidate_vs_recorded", recorded.candidate_vs_recorded}};
}

void read_model(const harness::ModelReader& in, RecordedComparisons& recorded) {
    in.required("ignored", recorded.ignored);
    in.required("reference_drift", recorded.reference_drift);
    in.required("candidate_vs_recorded", recorded.candidate_vs_recorded);
}

}  // namespace parity::replay
