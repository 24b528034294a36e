#include "parity/core/text/utf8.hpp"

#include <utf8proc.h>

#include <stdexcept>
#include <string>

namespace parity::core {

std::u32string decode_utf8(std::string_view text) {
    std::u32string code_points;
    code_points.reserve(text.size());  // never more code points than bytes

    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    const auto size = static_cast<utf8proc_ssize_t>(text.size());
    utf8proc_ssize_t offset = 0;
    while (offset < size) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length = utf8proc_iterate(bytes + offset, size - offset, &code_point);
        if (length <= 0) {
            throw std::invalid_argument("invalid UTF-8 at byte offset " + std::to_string(offset));
        }
        code_points.push_back(static_cast<char32_t>(code_point));
        offset += length;
    }
    return code_points;
}

}  // namespace parity::core
