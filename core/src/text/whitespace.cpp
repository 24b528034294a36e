#include "parity/core/text/whitespace.hpp"

#include <algorithm>
#include <array>

namespace parity::core {
namespace {

struct CodePointRange {
    char32_t first;
    char32_t last;  // inclusive
};

// Unicode White_Space plus the ASCII separators U+001C..U+001F: exactly
// [c for c in range(0x110000) if chr(c).isspace()] on CPython 3.11.
constexpr std::array<CodePointRange, 10> python_space_ranges{{
    {0x0009, 0x000d},
    {0x001c, 0x0020},
    {0x0085, 0x0085},
    {0x00a0, 0x00a0},
    {0x1680, 0x1680},
    {0x2000, 0x200a},
    {0x2028, 0x2029},
    {0x202f, 0x202f},
    {0x205f, 0x205f},
    {0x3000, 0x3000},
}};

}  // namespace

bool is_python_space(char32_t code_point) noexcept {
    return std::any_of(python_space_ranges.begin(), python_space_ranges.end(),
                       [code_point](const CodePointRange& range) {
                           return code_point >= range.first && code_point <= range.last;
                       });
}

std::vector<std::u32string_view> split_whitespace(std::u32string_view text) {
    using Iterator = std::u32string_view::const_iterator;
    std::vector<std::u32string_view> tokens;
    const Iterator end = text.end();
    Iterator token_begin = std::find_if_not(text.begin(), end, is_python_space);
    while (token_begin != end) {
        const Iterator token_end = std::find_if(token_begin, end, is_python_space);
        tokens.emplace_back(token_begin, token_end);
        token_begin = std::find_if_not(token_end, end, is_python_space);
    }
    return tokens;
}

}  // namespace parity::core
