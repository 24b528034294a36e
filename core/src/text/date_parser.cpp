#include "date_parser.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace parity::core::text {
namespace {

constexpr int months_per_year = 12;
constexpr int min_year = 1;     // datetime.MINYEAR
constexpr int max_year = 9999;  // datetime.MAXYEAR

struct MonthName {
    std::u32string_view name;
    int month;
};

// docs/matching.md 2.5: English full names and abbreviations, as case-folded text has them.
constexpr std::array<MonthName, 24> month_names{{
    {U"january", 1},  {U"jan", 1},    {U"february", 2},  {U"feb", 2},       {U"march", 3},     {U"mar", 3},
    {U"april", 4},    {U"apr", 4},    {U"may", 5},       {U"june", 6},      {U"jun", 6},       {U"july", 7},
    {U"jul", 7},      {U"august", 8}, {U"aug", 8},       {U"september", 9}, {U"sep", 9},       {U"sept", 9},
    {U"october", 10}, {U"oct", 10},   {U"november", 11}, {U"nov", 11},      {U"december", 12}, {U"dec", 12},
}};

std::optional<int> month_number(std::u32string_view word) noexcept {
    for (const MonthName& month_name : month_names) {
        if (month_name.name == word) {
            return month_name.month;
        }
    }
    return std::nullopt;
}

// The pieces the patterns are made of, each consuming what it matches. Matching greedily, without
// backtracking, is exact for these patterns: every `\d{m,n}` is followed by a non-digit or the end, and
// every `[a-z]+` by a non-letter.
class Scanner {
  public:
    explicit Scanner(std::u32string_view text) noexcept : text_(text) {}

    /// `\d{min_count,max_count}` (ASCII digits): their value, or nullopt when fewer than min_count follow.
    std::optional<int> digits(std::size_t min_count, std::size_t max_count) noexcept {
        std::size_t count = 0;
        int value = 0;
        while (count < max_count && position_ + count < text_.size() && is_digit(text_[position_ + count])) {
            value = value * 10 + static_cast<int>(text_[position_ + count] - U'0');
            ++count;
        }
        if (count < min_count) {
            return std::nullopt;
        }
        position_ += count;
        return value;
    }

    /// One of `[-/.]`, or nullopt.
    std::optional<char32_t> separator() noexcept {
        const char32_t next = peek();
        if (next != U'-' && next != U'/' && next != U'.') {
            return std::nullopt;
        }
        ++position_;
        return next;
    }

    /// `[a-z]+`: the word, empty when there is none.
    std::u32string_view word() noexcept {
        const std::size_t begin = position_;
        while (peek() >= U'a' && peek() <= U'z') {
            ++position_;
        }
        return text_.substr(begin, position_ - begin);
    }

    /// The code point, if it comes next: consumed and true.
    bool literal(char32_t code_point) noexcept {
        if (peek() != code_point) {
            return false;
        }
        ++position_;
        return true;
    }

    [[nodiscard]] bool at_end() const noexcept {
        return position_ == text_.size();
    }

  private:
    static bool is_digit(char32_t code_point) noexcept {
        return code_point >= U'0' && code_point <= U'9';
    }

    // U+0000 at the end: no pattern piece matches it.
    [[nodiscard]] char32_t peek() const noexcept {
        return position_ < text_.size() ? text_[position_] : U'\0';
    }

    std::u32string_view text_;
    std::size_t position_ = 0;
};

// (\d{4})([-/.])(\d{1,2})\2(\d{1,2}): year, month, day.
std::optional<CalendarDate> read_year_first(std::u32string_view text) noexcept {
    Scanner scan(text);
    const std::optional<int> year = scan.digits(4, 4);
    const std::optional<char32_t> separator = year ? scan.separator() : std::nullopt;
    if (!separator) {
        return std::nullopt;
    }
    const std::optional<int> month = scan.digits(1, 2);
    if (!month || !scan.literal(*separator)) {
        return std::nullopt;
    }
    const std::optional<int> day = scan.digits(1, 2);
    if (!day || !scan.at_end()) {
        return std::nullopt;
    }
    return CalendarDate{*year, *month, *day};
}

// (\d{4})(\d{2})(\d{2}): year, month, day.
std::optional<CalendarDate> read_compact(std::u32string_view text) noexcept {
    Scanner scan(text);
    const std::optional<int> year = scan.digits(4, 4);
    const std::optional<int> month = year ? scan.digits(2, 2) : std::nullopt;
    const std::optional<int> day = month ? scan.digits(2, 2) : std::nullopt;
    if (!day || !scan.at_end()) {
        return std::nullopt;
    }
    return CalendarDate{*year, *month, *day};
}

// (\d{1,2})([-/.])(\d{1,2})\2(\d{4}): US order when only that reading fits, else day first.
std::optional<CalendarDate> read_year_last(std::u32string_view text) noexcept {
    Scanner scan(text);
    const std::optional<int> first = scan.digits(1, 2);
    const std::optional<char32_t> separator = first ? scan.separator() : std::nullopt;
    if (!separator) {
        return std::nullopt;
    }
    const std::optional<int> second = scan.digits(1, 2);
    if (!second || !scan.literal(*separator)) {
        return std::nullopt;
    }
    const std::optional<int> year = scan.digits(4, 4);
    if (!year || !scan.at_end()) {
        return std::nullopt;
    }
    if (*first <= months_per_year && months_per_year < *second) {
        return CalendarDate{*year, *first, *second};
    }
    return CalendarDate{*year, *second, *first};
}

// (\d{1,2}) ([a-z]+)\.? (\d{4}), the word a month name: day, month, year.
std::optional<CalendarDate> read_day_month_name(std::u32string_view text) noexcept {
    Scanner scan(text);
    const std::optional<int> day = scan.digits(1, 2);
    if (!day || !scan.literal(U' ')) {
        return std::nullopt;
    }
    const std::optional<int> month = month_number(scan.word());
    scan.literal(U'.');
    if (!month || !scan.literal(U' ')) {
        return std::nullopt;
    }
    const std::optional<int> year = scan.digits(4, 4);
    if (!year || !scan.at_end()) {
        return std::nullopt;
    }
    return CalendarDate{*year, *month, *day};
}

// ([a-z]+)\.? (\d{1,2}),? (\d{4}), the word a month name: month, day, year.
std::optional<CalendarDate> read_month_name_day(std::u32string_view text) noexcept {
    Scanner scan(text);
    const std::optional<int> month = month_number(scan.word());
    scan.literal(U'.');
    if (!month || !scan.literal(U' ')) {
        return std::nullopt;
    }
    const std::optional<int> day = scan.digits(1, 2);
    scan.literal(U',');
    if (!day || !scan.literal(U' ')) {
        return std::nullopt;
    }
    const std::optional<int> year = scan.digits(4, 4);
    if (!year || !scan.at_end()) {
        return std::nullopt;
    }
    return CalendarDate{*year, *month, *day};
}

bool is_leap_year(int year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month) noexcept {
    constexpr std::array<int, months_per_year> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    constexpr int february = 2;
    return (month == february && is_leap_year(year)) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// What `datetime.date(year, month, day)` accepts.
bool is_real_date(const CalendarDate& date) noexcept {
    return date.year >= min_year && date.year <= max_year && date.month >= 1 &&
           date.month <= months_per_year && date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

// Writes `value` as `width` decimal digits, zero-padded, at `position`.
void put_digits(std::u32string& text, std::size_t position, int value, std::size_t width) noexcept {
    for (std::size_t i = width; i > 0; --i) {
        text[position + i - 1] = static_cast<char32_t>(U'0' + value % 10);
        value /= 10;
    }
}

}  // namespace

bool is_iso_date(std::u32string_view text) noexcept {
    // (\d{4})-(\d{2})-(\d{2}): the first pattern with `-` and two-digit month and day.
    Scanner scan(text);
    const std::optional<int> year = scan.digits(4, 4);
    const std::optional<int> month = year && scan.literal(U'-') ? scan.digits(2, 2) : std::nullopt;
    const std::optional<int> day = month && scan.literal(U'-') ? scan.digits(2, 2) : std::nullopt;
    return day && scan.at_end() && is_real_date(CalendarDate{*year, *month, *day});
}

DateReading read_date(std::u32string_view text) noexcept {
    // In the order of docs/matching.md 2.5: the first that fits is the reading.
    constexpr std::array readers{read_year_first, read_compact, read_year_last, read_day_month_name,
                                 read_month_name_day};
    for (const auto& read : readers) {
        if (const std::optional<CalendarDate> date = read(text)) {
            return {*date, is_real_date(*date) ? "" : "not a real date"};
        }
    }
    return {{}, "unrecognised date format"};
}

std::u32string iso_format(const CalendarDate& date) {
    std::u32string text;
    iso_format_into(date, text);
    return text;
}

void iso_format_into(const CalendarDate& date, std::u32string& text) {
    text.assign(U"YYYY-MM-DD");
    put_digits(text, 0, date.year, 4);
    put_digits(text, 5, date.month, 2);
    put_digits(text, 8, date.day, 2);
}

}  // namespace parity::core::text
