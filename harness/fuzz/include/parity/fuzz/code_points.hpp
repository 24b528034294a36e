#pragma once

// Strings as code points and back. Inputs reach Python through json.loads, which accepts lone
// surrogates ("\ud800"): in memory they are kept as WTF-8 (a surrogate encoded like any other code
// point, ED A0..BF xx), which python_json_text writes as a \u escape.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parity::fuzz {

/// The code points of WTF-8 text (valid UTF-8 plus encoded surrogates), or nullopt if it is neither.
[[nodiscard]] std::optional<std::vector<char32_t>> decode_code_points(std::string_view text);

/// WTF-8 for any code point up to U+10FFFF, surrogates included.
void append_code_point(std::string& text, char32_t code_point);
[[nodiscard]] std::string encode_code_points(const std::vector<char32_t>& code_points);

[[nodiscard]] constexpr bool is_surrogate(char32_t code_point) noexcept {
    return code_point >= 0xD800 && code_point <= 0xDFFF;
}

}  // namespace parity::fuzz
