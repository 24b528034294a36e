#include "parity/core/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "code_point_fold.hpp"
#include "code_point_table.hpp"
#include "date_parser.hpp"
#include "normalization_forms.hpp"
#include "parity/core/text/whitespace.hpp"
#include "quick_check.hpp"
#include "unicode14.hpp"

// Each function follows docs/matching.md section 2 step by step, in the reference's order. A value that is
// all ASCII takes a fast path with the same result: NFKC, NFKD and NFC leave ASCII unchanged, case
// folding is lowercasing, and ASCII categories are known (letters, digits; everything else a control,
// the space, punctuation or a symbol).

namespace parity::core::text {
namespace {

constexpr std::size_t phone_min_digits = 7;          // PHONE_MIN_DIGITS
constexpr std::size_t phone_significant_digits = 9;  // PHONE_SIGNIFICANT_DIGITS
constexpr char32_t ascii_end = 0x80;

// Reused across calls (per thread) so that a call allocates only its result.
struct Scratch {
    std::u32string first;
    std::u32string second;
};

// Not inlined: a thread_local in a shared library is found through a call (__tls_get_addr), and
// the compiler would make that call on entry to every caller, also on its ASCII fast path.
[[gnu::noinline]] Scratch& scratch() {
    thread_local Scratch buffers;
    return buffers;
}

bool is_ascii_digit(char32_t code_point) noexcept {
    return code_point >= U'0' && code_point <= U'9';
}

bool is_ascii_alphanumeric(char32_t code_point) noexcept {
    return is_ascii_digit(code_point) || (code_point >= U'a' && code_point <= U'z') ||
           (code_point >= U'A' && code_point <= U'Z');
}

// normalize_text step 4: what becomes of one code point.
enum class TextStep : std::uint8_t { drop, word_break, keep };

bool is_apostrophe(char32_t code_point) noexcept {
    // APOSTROPHES: ' ` U+2018 U+2019 U+02BC
    return code_point == U'\'' || code_point == U'`' || code_point == U'\u2018' || code_point == U'\u2019' ||
           code_point == U'\u02BC';
}

TextStep ascii_text_step(char32_t code_point) noexcept {
    if (is_ascii_alphanumeric(code_point)) {
        return TextStep::keep;
    }
    return is_apostrophe(code_point) ? TextStep::drop : TextStep::word_break;
}

TextStep text_step_by_properties(char32_t code_point) noexcept {
    const unicode14::CharacterProperties properties = unicode14::properties(code_point);
    if (properties.combining_class != 0 || properties.category == unicode14::GeneralCategory::format ||
        is_apostrophe(code_point)) {
        return TextStep::drop;
    }
    const char major_class = unicode14::major_class(properties.category);
    if (major_class == 'Z' || major_class == 'P' || major_class == 'S' ||
        properties.category == unicode14::GeneralCategory::control) {
        return TextStep::word_break;
    }
    return TextStep::keep;
}

// normalize_text step 4 for any code point, without the table below (for building tables).
TextStep text_step_by_code_point(char32_t code_point) noexcept {
    return code_point < ascii_end ? ascii_text_step(code_point) : text_step_by_properties(code_point);
}

// text_step_by_properties below this, tabulated: one look-up in a compact table instead of one in
// utf8proc's property tables and a search of the Unicode 14 ranges, which a call coming after
// other work finds out of cache. Above it (planes 3 to 16) code points are rare: looked up.
constexpr char32_t text_step_table_end = 0x30000;

const CodePointTable& text_step_table() {
    static const CodePointTable table(text_step_table_end, [](char32_t code_point) {
        return static_cast<std::uint8_t>(text_step_by_code_point(code_point));
    });
    return table;
}

// normalize_text step 4 for any code point, with `table` = text_step_table().
TextStep text_step(const CodePointTable& table, char32_t code_point) noexcept {
    if (code_point < ascii_end) {
        return ascii_text_step(code_point);  // most of a Latin text once its accents are split off
    }
    if (code_point < text_step_table_end) {
        return static_cast<TextStep>(table[code_point]);
    }
    return text_step_by_properties(code_point);
}

// normalize_text steps 4 and 5, a code point at a time: map it (drop it, break a word, keep it),
// then split on spaces and join the words with one.
class MapAndCollapse {
  public:
    explicit MapAndCollapse(std::u32string& output) : output_(output) {
        output_.clear();
    }

    void push(char32_t code_point, TextStep step) {
        switch (step) {
            case TextStep::drop:
                break;
            case TextStep::word_break:
                word_break();
                break;
            case TextStep::keep:
                keep(code_point);
                break;
        }
    }
    void word_break() {
        pending_space_ = !output_.empty();
    }
    void keep(char32_t code_point) {
        if (pending_space_) {
            output_.push_back(U' ');
            pending_space_ = false;
        }
        output_.push_back(code_point);
    }

  private:
    std::u32string& output_;
    bool pending_space_ = false;
};

// normalize_text steps 1 to 4 of a code point, by table, for code points whose first three steps
// act on their own (code_point_fold.hpp): what step 4 makes of its folding, decided when the table
// is built. One look-up per code point of a Latin, Greek, Cyrillic, CJK, Hebrew or Arabic text
// instead of a folding, then a step per folded code point, each in a table of its own that a call
// after other work finds out of cache.
class TextFoldTable {
  public:
    TextFoldTable()
        : inert_steps_(text_step_table_end, [](char32_t code_point) {
              // 0: not inert, or in the blocks (which have entries); else 1 + the step.
              if (code_point_fold::entry_of(code_point) != code_point_fold::entry_count ||
                  !quick_check::is_inert(code_point)) {
                  return std::uint8_t{0};
              }
              return static_cast<std::uint8_t>(1 + static_cast<unsigned>(text_step_by_code_point(code_point)));
          }) {
        for (std::size_t entry = 0; entry < code_point_fold::entry_count; ++entry) {
            const code_point_fold::Folding folding = code_point_fold::table_folding(entry);
            std::vector<std::uint32_t> events;
            for (const char32_t folded : folding.code_points) {
                const TextStep step = text_step_by_code_point(folded);
                if (step == TextStep::keep) {
                    events.push_back(folded);
                } else if (step == TextStep::word_break) {
                    events.push_back(word_break_event);
                }
            }
            entries_[entry] = encode(folding.on_its_own, events);
        }
    }

    /// Feeds `collapse` what steps 1 to 4 make of `code_point`; false when it does not fold on its own.
    bool push(char32_t code_point, MapAndCollapse& collapse) const {
        const std::size_t entry = code_point_fold::entry_of(code_point);
        if (entry != code_point_fold::entry_count) {
            const std::uint64_t bits = entries_[entry];
            if ((bits & on_its_own_bit) == 0) {
                return false;
            }
            const auto count = static_cast<unsigned>((bits >> count_shift) & 3U);
            if (count == long_count) {
                const auto begin = static_cast<std::size_t>(bits & 0xFFFFU);
                const auto size = static_cast<std::size_t>((bits >> 16U) & 0xFFU);
                for (std::size_t i = begin; i < begin + size; ++i) {
                    apply(long_events_[i], collapse);
                }
                return true;
            }
            for (unsigned i = 0; i < count; ++i) {
                apply(static_cast<std::uint32_t>((bits >> (i * event_bits)) & event_mask), collapse);
            }
            return true;
        }
        if (code_point < text_step_table_end) {
            const std::uint8_t value = inert_steps_[code_point];
            if (value == 0) {
                return push_hangul_syllable(code_point, collapse);
            }
            collapse.push(code_point, static_cast<TextStep>(value - 1));
            return true;
        }
        if (!quick_check::is_inert(code_point)) {
            return push_hangul_syllable(code_point, collapse);
        }
        collapse.push(code_point, text_step_by_properties(code_point));
        return true;
    }

    /// A precomposed Hangul syllable is what steps 1 to 5 make of it, next to any code point that
    /// folds on its own or that no step changes (this path's texts): NFKC leaves it alone (only a
    /// trailing jamo, or a compatibility jamo that is one once decomposed, joins a syllable, and
    /// neither folds on its own or is left alone by every step); case folding does not touch it;
    /// NFKD splits it into leading, vowel and trailing jamo (starters, letters: step 4 keeps them);
    /// and step 5's NFC joins exactly those again, since what follows is not a vowel or trailing
    /// jamo and nothing joins a leading jamo to what precedes it. So it is kept as itself (and the
    /// text still skips NFC). Anything else: false, the text takes the full steps.
    static bool push_hangul_syllable(char32_t code_point, MapAndCollapse& collapse) {
        if (!quick_check::is_hangul_syllable(code_point)) {
            return false;
        }
        collapse.keep(code_point);
        return true;
    }

  private:
    // An entry's 64 bits: up to two events of 21 bits, each a kept code point or word_break_event
    // (dropped code points are left out); their count at count_shift (long_count: more than two,
    // then the low 16 bits locate them in long_events_ and the next 8 count them); on_its_own_bit.
    static constexpr unsigned event_bits = 21;
    static constexpr std::uint64_t event_mask = (std::uint64_t{1} << event_bits) - 1;
    static constexpr std::uint32_t word_break_event = event_mask;  // above every code point
    static constexpr unsigned count_shift = 2 * event_bits;
    static constexpr unsigned long_count = 3;
    static constexpr std::uint64_t on_its_own_bit = std::uint64_t{1} << (count_shift + 2);

    static void apply(std::uint32_t event, MapAndCollapse& collapse) {
        if (event == word_break_event) {
            collapse.word_break();
        } else {
            collapse.keep(static_cast<char32_t>(event));
        }
    }

    std::uint64_t encode(bool on_its_own, const std::vector<std::uint32_t>& events) {
        std::uint64_t bits = on_its_own ? on_its_own_bit : 0;
        if (events.size() <= 2) {
            for (std::size_t i = 0; i < events.size(); ++i) {
                bits |= std::uint64_t{events[i]} << (i * event_bits);
            }
            return bits | (std::uint64_t{events.size()} << count_shift);
        }
        if (long_events_.size() + events.size() > 0xFFFFU || events.size() > 0xFFU) {
            throw std::logic_error("TextFoldTable: the foldings outgrow the entries");
        }
        bits |= long_events_.size() | (std::uint64_t{events.size()} << 16U) |
                (std::uint64_t{long_count} << count_shift);
        long_events_.insert(long_events_.end(), events.begin(), events.end());
        return bits;
    }

    std::array<std::uint64_t, code_point_fold::entry_count> entries_{};
    std::vector<std::uint32_t> long_events_;
    CodePointTable inert_steps_;  // the other code points below text_step_table_end
};

const TextFoldTable& text_fold_table() {
    static const TextFoldTable table;
    return table;
}

// normalize_text steps 4 and 5 over a whole text.
template <typename Step>
void map_and_collapse_into(std::u32string_view text, Step step, std::u32string& output) {
    MapAndCollapse collapse(output);
    output.reserve(text.size());  // at most as long: one allocation, not one per doubling
    for (const char32_t code_point : text) {
        collapse.push(code_point, step(code_point));
    }
}

// normalize_text of an ASCII text, in one pass: steps 4 and 5 with lowercasing (ASCII's case
// folding), written by index into room made once. False, `out` unspecified, at the first code
// point that is not ASCII.
bool try_ascii_text_into(std::u32string_view text, std::u32string& out) {
    out.resize(text.size());  // at most as long
    std::size_t length = 0;
    bool pending_space = false;
    for (const char32_t code_point : text) {
        if (code_point >= ascii_end) {
            return false;
        }
        switch (ascii_text_step(code_point)) {
            case TextStep::drop:
                break;
            case TextStep::word_break:
                pending_space = length > 0;
                break;
            case TextStep::keep:
                if (pending_space) {
                    out[length++] = U' ';
                    pending_space = false;
                }
                out[length++] = ascii_lower(code_point);
                break;
        }
    }
    out.resize(length);
    return true;
}

bool is_separator_control_or_format(char32_t code_point) noexcept {
    const unicode14::GeneralCategory category = unicode14::properties(code_point).category;
    return unicode14::major_class(category) == 'Z' || category == unicode14::GeneralCategory::control ||
           category == unicode14::GeneralCategory::format;
}

bool is_letter_or_number(char32_t code_point) noexcept {
    const char major_class = unicode14::major_class(unicode14::properties(code_point).category);
    return major_class == 'L' || major_class == 'N';
}

// `" ".join(text.split())`: Python whitespace runs become one space, none at either end.
void collapse_whitespace_into(std::u32string_view text, std::u32string& output) {
    output.clear();
    bool pending_space = false;
    for (const char32_t code_point : text) {
        if (is_python_space(code_point)) {
            pending_space = !output.empty();
            continue;
        }
        if (pending_space) {
            output.push_back(U' ');
            pending_space = false;
        }
        output.push_back(code_point);
    }
}

}  // namespace

bool normalize_text_into(std::u32string_view value, std::u32string& out) {
    if (try_ascii_text_into(value, out)) {
        return !out.empty();
    }
    // Steps 1 to 4 by table when every code point folds on its own; NFC would leave what is kept
    // as it is (code_point_fold.hpp).
    const TextFoldTable& table = text_fold_table();
    MapAndCollapse collapse(out);
    if (std::ranges::all_of(value, [&](char32_t code_point) { return table.push(code_point, collapse); })) {
        return !out.empty();
    }
    const CodePointTable& steps = text_step_table();
    const auto step = [&steps](char32_t code_point) { return text_step(steps, code_point); };
    Scratch& buffers = scratch();
    normalize_into(value, NormalizationForm::nfkc, buffers.first);
    casefold_into(buffers.first, buffers.second);
    normalize_into(buffers.second, NormalizationForm::nfkd, buffers.first);
    map_and_collapse_into(buffers.first, step, buffers.second);
    normalize_into(buffers.second, NormalizationForm::nfc, out);
    return !out.empty();
}

bool normalize_email_into(std::u32string_view value, std::u32string& out) {
    if (is_ascii(value)) {
        // Written by index into room made once, not pushed back code point by code point.
        out.resize(value.size());
        std::size_t length = 0;
        for (const char32_t code_point : value) {
            // ASCII separators and controls: U+0000..U+0020 and U+007F.
            if (code_point > U' ' && code_point != U'\x7f') {
                out[length++] = ascii_lower(code_point);
            }
        }
        out.resize(length);
        return length > 0;
    }
    Scratch& buffers = scratch();
    normalize_into(value, NormalizationForm::nfkc, buffers.first);
    buffers.second.clear();
    std::copy_if(buffers.first.begin(), buffers.first.end(), std::back_inserter(buffers.second),
                 [](char32_t code_point) { return !is_separator_control_or_format(code_point); });
    casefold_into(buffers.second, out);
    return !out.empty();
}

bool normalize_phone_into(std::u32string_view value, std::u32string& out) {
    std::u32string_view text = value;
    if (!is_ascii(value)) {
        Scratch& buffers = scratch();
        normalize_into(value, NormalizationForm::nfkc, buffers.first);
        text = buffers.first;
    }
    out.clear();
    out.reserve(text.size());
    std::copy_if(text.begin(), text.end(), std::back_inserter(out), is_ascii_digit);
    if (out.size() < phone_min_digits) {
        return false;
    }
    if (out.size() > phone_significant_digits) {
        out.erase(0, out.size() - phone_significant_digits);
    }
    return true;
}

bool normalize_postcode_into(std::u32string_view value, std::u32string& out) {
    out.clear();
    if (is_ascii(value)) {
        out.reserve(value.size());
        for (const char32_t code_point : value) {
            if (is_ascii_alphanumeric(code_point)) {
                out.push_back(ascii_lower(code_point));
            }
        }
        return !out.empty();
    }
    Scratch& buffers = scratch();
    normalize_into(value, NormalizationForm::nfkc, buffers.first);
    casefold_into(buffers.first, buffers.second);
    std::copy_if(buffers.second.begin(), buffers.second.end(), std::back_inserter(out), is_letter_or_number);
    return !out.empty();
}

namespace {

/// try_normalize_date into `out`: whether a date was read (false when blank or unreadable), and
/// why it is unreadable (empty when it is not).
std::pair<bool, std::string_view> try_normalize_date_into(std::u32string_view value, std::u32string& out) {
    if (is_iso_date(value)) {
        out.assign(value);  // its own normalization (is_iso_date), found with a fifth of the general path's work
        return {true, {}};
    }
    Scratch& buffers = scratch();
    if (is_ascii(value)) {
        collapse_whitespace_into(value, buffers.second);
        std::transform(buffers.second.begin(), buffers.second.end(), buffers.second.begin(), ascii_lower);
    } else {
        normalize_into(value, NormalizationForm::nfkc, buffers.first);
        collapse_whitespace_into(buffers.first, buffers.second);
        casefold_into(buffers.second, buffers.first);
        buffers.second.swap(buffers.first);
    }
    if (buffers.second.empty()) {
        return {false, {}};
    }
    const DateReading reading = read_date(buffers.second);
    if (!reading.error.empty()) {
        return {false, reading.error};
    }
    iso_format_into(reading.date, out);
    return {true, {}};
}

template <bool (*Into)(std::u32string_view, std::u32string&)>
std::optional<std::u32string> normalized_copy(std::u32string_view value) {
    std::u32string out;
    if (!Into(value, out)) {
        return std::nullopt;
    }
    return out;
}

}  // namespace

bool normalize_date_into(std::u32string_view value, std::u32string& out) {
    const auto [present, error] = try_normalize_date_into(value, out);
    if (!error.empty()) {
        throw DateParseError(std::string(error));
    }
    return present;
}

std::optional<std::u32string> normalize_text(std::u32string_view value) {
    return normalized_copy<normalize_text_into>(value);
}

std::optional<std::u32string> normalize_email(std::u32string_view value) {
    return normalized_copy<normalize_email_into>(value);
}

std::optional<std::u32string> normalize_phone(std::u32string_view value) {
    return normalized_copy<normalize_phone_into>(value);
}

std::optional<std::u32string> normalize_postcode(std::u32string_view value) {
    return normalized_copy<normalize_postcode_into>(value);
}

DateNormalization try_normalize_date(std::u32string_view value) {
    std::u32string out;
    const auto [present, error] = try_normalize_date_into(value, out);
    if (!present) {
        return {std::nullopt, error};
    }
    return {std::move(out), {}};
}

std::optional<std::u32string> normalize_date(std::u32string_view value) {
    return normalized_copy<normalize_date_into>(value);
}

}  // namespace parity::core::text
