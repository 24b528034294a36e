#include "value_display.hpp"

namespace parity::reports::detail {
namespace {

constexpr const char* absent = "(absent)";

}  // namespace

std::string display(const nlohmann::json& value) {
    if (value.is_string())
        return value.get<std::string>();
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string reference_text(const replay::DifferenceExample& example) {
    // report.json writes null for the side that has no value; a null the service returned is "null".
    if (example.kind == "extra" && example.reference.is_null())
        return absent;
    return display(example.reference);
}

std::string candidate_text(const replay::DifferenceExample& example) {
    if (example.kind == "missing" && example.candidate.is_null())
        return absent;
    return display(example.candidate);
}

}  // namespace parity::reports::detail
