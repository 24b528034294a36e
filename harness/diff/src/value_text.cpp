#include "value_text.hpp"

#include "float_tolerance.hpp"

namespace parity::diff {
namespace {

constexpr unsigned char utf8_continuation_mask = 0xC0;
constexpr unsigned char utf8_continuation = 0x80;

std::string shortened(std::string text) {
    if (text.size() <= shown_bytes) {
        return text;
    }
    std::size_t cut = shown_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & utf8_continuation_mask) == utf8_continuation) {
        --cut;
    }
    text.resize(cut);
    return text + "…";
}

std::string counted(std::size_t count, const char* singular, const char* plural) {
    return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

}  // namespace

std::string value_text(const nlohmann::json& value, bool ascii) {
    if (value.is_array()) {
        return "[…] (" + counted(value.size(), "element", "elements") + ")";
    }
    if (value.is_object()) {
        return "{…} (" + counted(value.size(), "key", "keys") + ")";
    }
    if (value.is_number_float()) {
        return format_double(value.get<double>());
    }
    return shortened(value.dump(-1, ' ', ascii, nlohmann::json::error_handler_t::replace));
}

}  // namespace parity::diff
