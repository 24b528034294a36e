// A gate policy as Policy::load reads it (parse_json_input, then Policy::parse), and an accepted
// policy used as `parity gate` uses it: a real report judged against it, the verdict printed and
// written as verdict.json is. Documented errors: JsonInputError and PolicyError.

#include <cstddef>
#include <cstdint>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "parity/gate/policy.hpp"
#include "parity/gate/verdict.hpp"
#include "parity/harness/json_input.hpp"
#include "parity/replay/report_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A report with every section (latency, memory, baseline), so that every criterion is judged.
    static const parity::replay::Report report = parity::replay::load_report(PARITY_FUZZ_GATE_REPORT);
    parity::gate::Policy policy;
    try {
        policy = parity::gate::Policy::parse(
            parity::harness::parse_json_input(parity::fuzz::input_text(data, size), "policy.json"),
            "policy.json");
    } catch (const parity::harness::JsonInputError&) {
        return 0;
    } catch (const parity::gate::PolicyError&) {
        return 0;
    }
    const auto verdict = parity::gate::evaluate(report, policy);
    std::ostringstream table;
    parity::gate::print_verdict(verdict, table);
    (void)nlohmann::ordered_json(verdict).dump(2);
    return 0;
}
