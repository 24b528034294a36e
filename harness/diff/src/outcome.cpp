#include "parity/diff/outcome.hpp"

#include <string_view>
#include <utility>

namespace parity::diff {
namespace {

// Outcomes may be built by hand (from a corpus file), so a malformed error object reads as "".
std::string string_field(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) {
        return {};
    }
    const auto found = object.find(key);
    if (found == object.end() || !found->is_string()) {
        return {};
    }
    return found->get<std::string>();
}

}  // namespace

Outcome Outcome::output(nlohmann::json value) {
    return Outcome{false, std::move(value)};
}

Outcome Outcome::error(std::string type, std::string message) {
    nlohmann::json value = nlohmann::json::object();
    value["type"] = std::move(type);
    value["message"] = std::move(message);
    return Outcome{true, std::move(value)};
}

std::string Outcome::error_type() const {
    return string_field(value, "type");
}

std::string Outcome::error_message() const {
    return string_field(value, "message");
}

}  // namespace parity::diff
