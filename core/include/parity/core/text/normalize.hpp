#pragma once

// Field normalization of docs/matching.md section 2, on Unicode code points, reproducing the
// Python reference (importer.matching.normalize, Unicode 14 tables) step by step with utf8proc.
// Every function returns std::nullopt for "missing": nothing comparable left in the value.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parity::core::text {

/// A non-blank date that no accepted format reads as a real calendar date (docs/matching.md 2.5).
class DateParseError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Names, streets, cities (2.1): NFKC, casefold, NFKD, drop marks / format / apostrophes, break on
/// separators, punctuation, symbols and controls, collapse spaces, NFC.
///
///     normalize_text(U"  José  O'Brien-Smith ") == U"jose obrien smith"
[[nodiscard]] std::optional<std::u32string> normalize_text(std::u32string_view value);

/// Emails (2.2): NFKC, drop separators / controls / format characters, casefold.
[[nodiscard]] std::optional<std::u32string> normalize_email(std::u32string_view value);

/// Phones (2.3): NFKC, ASCII digits only, at least 7, the last 9.
[[nodiscard]] std::optional<std::u32string> normalize_phone(std::u32string_view value);

/// Postcodes (2.4): NFKC, casefold, letters and numbers only.
[[nodiscard]] std::optional<std::u32string> normalize_postcode(std::u32string_view value);

/// Birth dates (2.5): ISO YYYY-MM-DD, std::nullopt when blank; throws DateParseError otherwise.
[[nodiscard]] std::optional<std::u32string> normalize_date(std::u32string_view value);

/// The normalizers above into `out` (replaced), for a caller normalizing batch after batch into
/// the same strings (no allocation once they have grown): true with the value in `out`, false for
/// std::nullopt (then `out` holds no meaningful value). normalize_date_into throws as normalize_date.
///
///     std::u32string out;
///     normalize_text_into(U" Ann ", out) && out == U"ann"
[[nodiscard]] bool normalize_text_into(std::u32string_view value, std::u32string& out);
[[nodiscard]] bool normalize_email_into(std::u32string_view value, std::u32string& out);
[[nodiscard]] bool normalize_phone_into(std::u32string_view value, std::u32string& out);
[[nodiscard]] bool normalize_postcode_into(std::u32string_view value, std::u32string& out);
[[nodiscard]] bool normalize_date_into(std::u32string_view value, std::u32string& out);

/// normalize_date's outcome, with an unreadable date reported instead of thrown.
struct DateNormalization {
    std::optional<std::u32string> value;  // the ISO date; std::nullopt when blank or unreadable
    std::string_view error;               // empty, or why the date is unreadable (DateParseError's message)
};

/// normalize_date without the exception, for callers that expect many unreadable values (bulk checks):
/// throwing costs microseconds, far more than reading a date.
///
///     try_normalize_date(U"31/02/1990").error == "not a real date"
[[nodiscard]] DateNormalization try_normalize_date(std::u32string_view value);

}  // namespace parity::core::text
