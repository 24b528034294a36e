#pragma once

// Tolerant reads from report.json and verdict.json: every section may be absent or, in an old or
// hand-merged report, of another type, and a report must still render.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace parity::reports::detail {

/// The member `key` of an object, or nullptr when `value` is not an object or lacks it.
inline const nlohmann::json* member(const nlohmann::json& value, std::string_view key) {
    if (!value.is_object())
        return nullptr;
    const auto found = value.find(key);
    return found == value.end() ? nullptr : &*found;
}

/// The member as a number, if it is one.
inline std::optional<double> number(const nlohmann::json& value, std::string_view key) {
    const auto* found = member(value, key);
    if (found == nullptr || !found->is_number())
        return std::nullopt;
    return found->get<double>();
}

/// The member as an unsigned count (0 when absent or not a number).
inline std::uint64_t count(const nlohmann::json& value, std::string_view key) {
    const auto n = number(value, key);
    return n && *n > 0 ? static_cast<std::uint64_t>(*n) : 0;
}

/// The member as text: strings as they are, other scalars as JSON, absent or null as `fallback`.
inline std::string text(const nlohmann::json& value, std::string_view key, std::string fallback = {}) {
    const auto* found = member(value, key);
    if (found == nullptr || found->is_null())
        return fallback;
    if (found->is_string())
        return found->get<std::string>();
    return found->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Any JSON value as display text: strings unquoted, everything else compact JSON.
inline std::string display(const nlohmann::json& value) {
    if (value.is_string())
        return value.get<std::string>();
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// The member if it is an array, else an empty array.
inline const nlohmann::json& array(const nlohmann::json& value, std::string_view key) {
    static const nlohmann::json empty = nlohmann::json::array();
    const auto* found = member(value, key);
    return found != nullptr && found->is_array() ? *found : empty;
}

/// The member if it is an object, else an empty object.
inline const nlohmann::json& object(const nlohmann::json& value, std::string_view key) {
    static const nlohmann::json empty = nlohmann::json::object();
    const auto* found = member(value, key);
    return found != nullptr && found->is_object() ? *found : empty;
}

}  // namespace parity::reports::detail
