// report.json as the gate and the renderers read it, and the verdict reader: the input's first part
// is read strictly (load_report: parse_json_input, read_report, summary_inconsistencies) and, when that
// succeeds, judged against the policy in the second part (or the default policy) as `parity gate` does;
// it is also read tolerantly, as a report and as a verdict, as the renderers do. Documented errors:
// JsonInputError, ModelError and PolicyError.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "parity/gate/policy.hpp"
#include "parity/gate/verdict.hpp"
#include "parity/gate/verdict_model.hpp"
#include "parity/harness/json_input.hpp"
#include "parity/harness/model_reader.hpp"
#include "parity/replay/report_consistency.hpp"
#include "parity/replay/report_model.hpp"

namespace {

using parity::harness::Leniency;

void read_tolerantly(const nlohmann::json& document) {
    std::vector<std::string> problems;
    const auto report = parity::replay::read_report(document, Leniency::tolerant, &problems);
    (void)parity::replay::summary_inconsistencies(report);
    (void)nlohmann::ordered_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto verdict = parity::gate::read_verdict(document, Leniency::tolerant, &problems);
    (void)nlohmann::ordered_json(verdict).dump(2);
}

void judge_strictly(const nlohmann::json& document, const parity::gate::Policy& policy) {
    try {
        const auto report = parity::replay::read_report(document, Leniency::strict);
        if (!parity::replay::summary_inconsistencies(report).empty()) {
            return;  // load_report refuses it
        }
        const auto verdict = parity::gate::evaluate(report, policy);
        std::ostringstream table;
        parity::gate::print_verdict(verdict, table);
        (void)nlohmann::ordered_json(verdict).dump(2);  // as save_verdict writes it
    } catch (const parity::harness::ModelError&) {
    }
    try {
        (void)parity::gate::read_verdict(document, Leniency::strict);
    } catch (const parity::harness::ModelError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parts = parity::fuzz::split_parts(parity::fuzz::input_text(data, size), 2);
    try {
        const auto document = parity::harness::parse_json_input(parts[0], "report.json");
        parity::gate::Policy policy;
        if (parts.size() > 1) {
            policy = parity::gate::Policy::parse(parity::harness::parse_json_input(parts[1], "policy.json"),
                                                 "policy.json");
        }
        read_tolerantly(document);
        judge_strictly(document, policy);
    } catch (const parity::harness::JsonInputError&) {
    } catch (const parity::gate::PolicyError&) {
    }
    return 0;
}
