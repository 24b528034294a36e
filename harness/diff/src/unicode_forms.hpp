#pragma once

// Unicode normalization of UTF-8 strings (utf8proc), to tell strings that differ only in
// normalization from strings that really differ.
//
//     equal_under("e\u0301", "\u00e9", UnicodeForm::nfc)  // true

#include <optional>
#include <string>
#include <string_view>

#include "parity/diff/rules.hpp"

namespace parity::diff {

/// `text` in `form`; std::nullopt if it is not valid UTF-8.
[[nodiscard]] std::optional<std::string> normalize(std::string_view text, UnicodeForm form);

/// Whether both are valid UTF-8 and equal once normalized to `form`.
[[nodiscard]] bool equal_under(std::string_view a, std::string_view b, UnicodeForm form);

/// The first of NFC, NFKC under which the strings are equal (NFD and NFKD agree with them), if any.
[[nodiscard]] std::optional<UnicodeForm> first_equalizing_form(std::string_view a, std::string_view b);

}  // namespace parity::diff
