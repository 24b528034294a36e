#pragma once

// report.json's "limits": the caps a replay held adapters' outputs and its own files to, and how many
// times each one was hit (docs/replay.md, "Bounded reports").

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

/// One cap: its value, and how many times a value was summarised or left out because of it.
struct LimitUse {
    std::uint64_t cap = 0;
    std::uint64_t hits = 0;
};

struct Limits {
    LimitUse output_depth;   // containers an adapter's output nests deeper are sent as a summary
    LimitUse output_bytes;   // per path and request: parts of an output beyond it are sent as summaries
    LimitUse value_bytes;    // one value written (a difference's side, an example's input)
    LimitUse written_depth;  // nesting of a value written
    LimitUse bundle_bytes;   // one repro bundle
    LimitUse report_bytes;   // report.json (examples are left out first)

    [[nodiscard]] bool any_hit() const noexcept;
};

void to_json(nlohmann::ordered_json& json, const LimitUse& limit);
void read_model(const harness::ModelReader& in, LimitUse& limit);

void to_json(nlohmann::ordered_json& json, const Limits& limits);
void read_model(const harness::ModelReader& in, Limits& limits);

/// The line `warnings` carries when a cap was hit, naming each one hit and how often; "" if none was.
[[nodiscard]] std::string limits_warning(const Limits& limits);

}  // namespace parity::replay
