#include "parity/replay/report_fields.hpp"

#include "parity/diff/difference.hpp"

namespace parity::replay {
namespace {

void check_kind(const harness::ModelReader& in, const std::string& key, const std::string& kind) {
    if (!diff::kind_from_string(kind))
        in.problem(key, "unknown difference kind \"" + kind + "\"");
}

}  // namespace

void to_json(nlohmann::ordered_json& json, const DifferenceExample& example) {
    json = {{"kind", example.kind},
            {"pointer", example.pointer},
            {"pattern", example.pattern},
            {"reference", nlohmann::ordered_json(example.reference)},
            {"candidate", nlohmann::ordered_json(example.candidate)},
            {"detail", example.detail},
            {"request_id", example.request_id}};
    if (example.input)
        json["input"] = nlohmann::ordered_json(*example.input);
    if (!example.repro.empty())
        json["repro"] = example.repro;
}

void read_model(const harness::ModelReader& in, DifferenceExample& example) {
    in.required("kind", example.kind);
    if (!example.kind.empty())
        check_kind(in, "kind", example.kind);
    in.required("pointer", example.pointer);
    in.required("pattern", example.pattern);
    in.required("reference", example.reference);
    in.required("candidate", example.candidate);
    in.required("detail", example.detail);
    in.required("request_id", example.request_id);
    in.optional("input", example.input);
    in.optional_text("repro", example.repro);
}

void to_json(nlohmann::ordered_json& json, const FieldReport& field) {
    json = {{"pattern", field.pattern}, {"count", field.count}, {"requests", field.requests},
            {"rate", field.rate},       {"types", field.types}, {"examples", field.examples}};
}

void read_model(const harness::ModelReader& in, FieldReport& field) {
    in.required("pattern", field.pattern);
    in.required("count", field.count);
    in.required("requests", field.requests);
    in.required("rate", field.rate);
    in.required("types", field.types);
    for (const auto& [kind, count] : field.types)
        check_kind(in, "types." + kind, kind);
    in.required("examples", field.examples);
}

void to_json(nlohmann::ordered_json& json, const NondeterministicField& field) {
    to_json(json, static_cast<const FieldReport&>(field));
    json["candidate_differences_not_counted"] = field.candidate_differences_not_counted;
}

void read_model(const harness::ModelReader& in, NondeterministicField& field) {
    read_model(in, static_cast<FieldReport&>(field));
    in.required("candidate_differences_not_counted", field.candidate_differences_not_counted);
}

}  // namespace parity::replay
