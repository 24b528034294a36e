#pragma once

// JSON's types as the diff sees them: signed and unsigned integers are one type ("integer"), and
// integers and floats are two.

#include <string_view>

#include <nlohmann/json.hpp>

namespace parity::diff {

enum class JsonType { null, boolean, integer, number, string, array, object, binary, discarded };

[[nodiscard]] JsonType json_type(const nlohmann::json& value) noexcept;

/// "null", "boolean", "integer", "number", "string", "array", "object", ...
[[nodiscard]] std::string_view type_name(JsonType type) noexcept;

}  // namespace parity::diff
