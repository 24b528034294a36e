#pragma once

#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace parity::test {

/// A str as Python's ascii() prints it ('O\u2019Brien'), so a failing check shows exactly which code
/// points differ. Catch2 cannot print std::u32string.
inline std::string text_repr(std::u32string_view text) {
    std::string repr = "'";
    for (const char32_t code_point : text) {
        if (code_point == U'\'' || code_point == U'\\') {
            repr += '\\';
            repr += static_cast<char>(code_point);
        } else if (code_point >= 0x20 && code_point < 0x7f) {
            repr += static_cast<char>(code_point);
        } else {
            std::array<char, 16> escape{};
            const auto value = static_cast<unsigned>(code_point);
            if (value < 0x100) {
                std::snprintf(escape.data(), escape.size(), "\\x%02x", value);
            } else if (value < 0x10000) {
                std::snprintf(escape.data(), escape.size(), "\\u%04x", value);
            } else {
                std::snprintf(escape.data(), escape.size(), "\\U%08x", value);
            }
            repr += escape.data();
        }
    }
    return repr + "'";
}

/// A normalized value as Python prints it: its ascii() form, or None.
inline std::string value_repr(const std::optional<std::u32string>& text) {
    return text ? text_repr(*text) : "None";
}

}  // namespace parity::test
