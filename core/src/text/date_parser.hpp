#pragma once

// The date formats of docs/matching.md section 2.5, read as Python's `re.fullmatch` with re.ASCII
// reads them, and the calendar check of `datetime.date`. Hand-written: std::regex is far too slow.

#include <string>
#include <string_view>

namespace parity::core::text {

struct CalendarDate {
    int year;
    int month;
    int day;
};

/// A date read from text, or why it cannot be.
struct DateReading {
    CalendarDate date;
    std::string_view error;  // empty when `date` is the reading; else DateParseError's message
};

/// Reads a date from text already NFKC-normalized, whitespace-collapsed and case-folded. An error when no
/// format fits or the date is not a real proleptic Gregorian date in years 1..9999.
///
///     read_date(U"7 mar. 1984").date == CalendarDate{1984, 3, 7}
[[nodiscard]] DateReading read_date(std::u32string_view text) noexcept;

/// True when `text` is exactly `YYYY-MM-DD` in ASCII digits and a real date: already its own
/// normalization. Every step of docs/matching.md 2.5 leaves such a text as it is (ASCII, no space,
/// no letter), the first pattern reads it, and iso_format writes the same digits back (the year and
/// month zero-padded as given). Most dates a service stores are written so.
///
///     is_iso_date(U"1984-03-07") && !is_iso_date(U"1984-3-7") && !is_iso_date(U"2023-02-29")
[[nodiscard]] bool is_iso_date(std::u32string_view text) noexcept;

/// ISO 8601 `YYYY-MM-DD`, as `datetime.date.isoformat()`.
[[nodiscard]] std::u32string iso_format(const CalendarDate& date);
/// The same into `text` (replaced): a caller normalizing batch after batch keeps its memory.
void iso_format_into(const CalendarDate& date, std::u32string& text);

}  // namespace parity::core::text
