#pragma once

#include <string>
#include <string_view>

namespace parity::core {

/// Decodes UTF-8 into Unicode code points, strictly (as Python's `bytes.decode("utf-8")`):
/// overlong forms, surrogates and code points above U+10FFFF are errors.
///
///     decode_utf8("Jos\xc3\xa9") == U"José"
///
/// Throws std::invalid_argument naming the byte offset of the first invalid sequence.
[[nodiscard]] std::u32string decode_utf8(std::string_view text);

}  // namespace parity::core
