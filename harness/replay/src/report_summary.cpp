#include "parity/replay/report_summary.hpp"

namespace parity::replay {

Summary& operator+=(Summary& summary, const Summary& other) {
    summary.requests += other.requests;
    summary.compared += other.compared;
    summary.matched += other.matched;
    summary.mismatched += other.mismatched;
    summary.reference_errors += other.reference_errors;
    summary.candidate_errors += other.candidate_errors;
    summary.crashes += other.crashes;
    summary.timeouts += other.timeouts;
    summary.candidate_unavailable += other.candidate_unavailable;
    summary.skipped += other.skipped;
    summary.nondeterministic_fields += other.nondeterministic_fields;
    summary.conversion_notes += other.conversion_notes;
    summary.recorded_checked += other.recorded_checked;
    summary.reference_drift += other.reference_drift;
    summary.candidate_vs_recorded += other.candidate_vs_recorded;
    return summary;
}

void to_json(nlohmann::ordered_json& json, const Summary& summary) {
    json = {{"requests", summary.requests},
            {"compared", summary.compared},
            {"matched", summary.matched},
            {"mismatched", summary.mismatched},
            {"reference_errors", summary.reference_errors},
            {"candidate_errors", summary.candidate_errors},
            {"crashes", summary.crashes},
            {"timeouts", summary.timeouts},
            {"candidate_unavailable", summary.candidate_unavailable},
            {"skipped", summary.skipped},
            {"nondeterministic_fields", summary.nondeterministic_fields},
            {"conversion_notes", summary.conversion_notes},
            {"recorded_checked", summary.recorded_checked},
            {"reference_drift", summary.reference_drift},
            {"candidate_vs_recorded", summary.candidate_vs_recorded}};
}

void read_model(const harness::ModelReader& in, Summary& summary) {
    in.required("requests", summary.requests);
    in.required("compared", summary.compared);
    in.required("matched", summary.matched);
    in.required("mismatched", summary.mismatched);
    in.required("reference_errors", summary.reference_errors);
    in.required("candidate_errors", summary.candidate_errors);
    in.required("crashes", summary.crashes);
    in.required("timeouts", summary.timeouts);
    in.required("candidate_unavailable", summary.candidate_unavailable);
    in.required("skipped", summary.skipped);
    in.required("nondeterministic_fields", summary.nondeterministic_fields);
    in.required("conversion_notes", summary.conversion_notes);
    in.required("recorded_checked", summary.recorded_checked);
    in.required("reference_drift", summary.reference_drift);
    in.required("candidate_vs_recorded", summary.candidate_vs_recorded);
}

}  // namespace parity::replay
