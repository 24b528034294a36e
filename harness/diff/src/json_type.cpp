#include "json_type.hpp"

namespace parity::diff {

JsonType json_type(const nlohmann::json& value) noexcept {
    using nlohmann::json;
    switch (value.type()) {
        case json::value_t::null:
            return JsonType::null;
        case json::value_t::boolean:
            return JsonType::boolean;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return JsonType::integer;
        case json::value_t::number_float:
            return JsonType::number;
        case json::value_t::string:
            return JsonType::string;
        case json::value_t::array:
            return JsonType::array;
        case json::value_t::object:
            return JsonType::object;
        case json::value_t::binary:
            return JsonType::binary;
        case json::value_t::discarded:
            return JsonType::discarded;
    }
    return JsonType::discarded;
}

std::string_view type_name(JsonType type) noexcept {
    switch (type) {
        case JsonType::null:
            return "null";
        case JsonType::boolean:
            return "boolean";
        case JsonType::integer:
            return "integer";
        case JsonType::number:
            return "number";
        case JsonType::string:
            return "string";
        case JsonType::array:
            return "array";
        case JsonType::object:
            return "object";
        case JsonType::binary:
            return "binary";
        case JsonType::discarded:
            return "discarded";
    }
    return "discarded";
}

}  // namespace parity::diff
