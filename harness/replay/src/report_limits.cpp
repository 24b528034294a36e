#include "parity/replay/report_limits.hpp"

#include <array>
#include <utility>

namespace parity::replay {
namespace {

using Member = LimitUse Limits::*;

constexpr std::array<std::pair<const char*, Member>, 6> members = {{
    {"output_depth", &Limits::output_depth},
    {"output_bytes", &Limits::output_bytes},
    {"value_bytes", &Limits::value_bytes},
    {"written_depth", &Limits::written_depth},
    {"bundle_bytes", &Limits::bundle_bytes},
    {"report_bytes", &Limits::report_bytes},
}};

}  // namespace

bool Limits::any_hit() const noexcept {
    for (const auto& [name, member] : members) {
        if ((this->*member).hits > 0)
            return true;
    }
    return false;
}

void to_json(nlohmann::ordered_json& json, const LimitUse& limit) {
    json = {{"cap", limit.cap}, {"hits", limit.hits}};
}

void read_model(const harness::ModelReader& in, LimitUse& limit) {
    in.required("cap", limit.cap);
    in.required("hits", limit.hits);
}

void to_json(nlohmann::ordered_json& json, const Limits& limits) {
    json = nlohmann::ordered_json::object();
    for (const auto& [name, member] : members)
        json[name] = limits.*member;
}

void read_model(const harness::ModelReader& in, Limits& limits) {
    for (const auto& [name, member] : members)
        in.required(name, limits.*member);
}

std::string limits_warning(const Limits& limits) {
    std::string hit;
    for (const auto& [name, member] : members) {
        const LimitUse& limit = limits.*member;
        if (limit.hits == 0)
            continue;
        hit += (hit.empty() ? "" : ", ") + std::string(name) + " " + std::to_string(limit.cap) + " (" +
               std::to_string(limit.hits) + (limit.hits == 1 ? " time)" : " times)");
    }
    if (hit.empty())
        return {};
    return "output caps hit: " + hit +
           "; values beyond them are shown as their length, sha256, head and tail, or left out (see limits)";
}

}  // namespace parity::replay
