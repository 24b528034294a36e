#pragma once

#include <string_view>
#include <vector>

namespace parity::core {

/// True for exactly the code points Python's `str.isspace()` accepts.
[[nodiscard]] bool is_python_space(char32_t code_point) noexcept;

/// Splits on runs of `is_python_space` code points and drops empty tokens, like Python's
/// `str.split()` without arguments. The views point into `text`.
///
///     split_whitespace(U"  fuzzy\twuzzy ") == {U"fuzzy", U"wuzzy"}
[[nodiscard]] std::vector<std::u32string_view> split_whitespace(std::u32string_view text);

}  // namespace parity::core
