#pragma once

// A deep copy of a JSON value without recursion: nlohmann::json's copy constructor recurses once per
// level, and the values bounded, summarised or diffed here may be 200,000 levels deep.

#include <nlohmann/json.hpp>

namespace parity::bounds {

[[nodiscard]] nlohmann::json copy_json(const nlohmann::json& value);

}  // namespace parity::bounds
