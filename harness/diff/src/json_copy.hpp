#pragma once

// A deep copy of a JSON value without recursion: nlohmann::json's copy constructor recurses once per
// level, and a Difference may hold a value 10,000 levels deep.

#include <nlohmann/json.hpp>

namespace parity::diff {

[[nodiscard]] nlohmann::json copy_json(const nlohmann::json& value);

}  // namespace parity::diff
