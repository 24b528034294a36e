#include "normalization_forms.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "quick_check.hpp"
#include "unicode14.hpp"

namespace parity::core::text {
namespace {

constexpr char32_t ascii_end = 0x80;

// Below U+0300 (the first combining mark) no code point composes with the one before it.
constexpr char32_t first_composable_second = 0x0300;

// HANGUL JONGSEONG TIKEUT-SIOS. utf8proc 2.8 takes it for the "no trailing consonant" value T_Base of
// the Hangul composition formula and drops it after an LV syllable ("가\u11A7" -> "가"); Unicode (and
// Python) compose nothing with it.
constexpr char32_t hangul_t_base = 0x11A7;

// Longer than any decomposition or case folding (the longest, U+FDFA under NFKD, is 18 code points).
constexpr std::size_t mapping_buffer_size = 32;

bool all_below(std::u32string_view text, char32_t end) noexcept {
    return std::ranges::all_of(text, [end](char32_t code_point) { return code_point < end; });
}

// basic_string::append(first, last) from another element type builds a temporary string first.
template <typename CodePoint>
void append_code_points(const CodePoint* first, const CodePoint* last, std::u32string& output) {
    for (; first != last; ++first) {
        output.push_back(static_cast<char32_t>(*first));
    }
}

// Appends utf8proc's mapping of one code point: its full decomposition or case folding (`options`).
void append_mapping(char32_t code_point, utf8proc_option_t options, std::u32string& output) {
    const auto utf8proc_code_point = static_cast<utf8proc_int32_t>(code_point);
    int boundclass = 0;  // only read with UTF8PROC_CHARBOUND
    std::array<utf8proc_int32_t, mapping_buffer_size> buffer{};
    const utf8proc_ssize_t length =
        utf8proc_decompose_char(utf8proc_code_point, buffer.data(),
                                static_cast<utf8proc_ssize_t>(buffer.size()), options, &boundclass);
    if (length < 0) {
        throw std::invalid_argument("not a Unicode code point: above U+10FFFF");
    }
    if (static_cast<std::size_t>(length) <= buffer.size()) {
        append_code_points(buffer.data(), buffer.data() + length, output);
        return;
    }
    std::vector<utf8proc_int32_t> larger(static_cast<std::size_t>(length));
    utf8proc_decompose_char(utf8proc_code_point, larger.data(), length, options, &boundclass);
    append_code_points(larger.data(), larger.data() + length, output);
}

// Canonical ordering: each run of non-starters stably sorted by combining class. An insertion sort, as
// CPython's: runs are a few code points long.
void put_in_canonical_order(std::u32string& text) {
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char32_t code_point = text[i];
        if (code_point < ascii_end || !quick_check::may_change(code_point, quick_check::Step::reordering)) {
            continue;  // a starter
        }
        const std::uint8_t combining_class = unicode14::combining_class(code_point);
        if (combining_class == 0) {
            continue;
        }
        std::size_t position = i;
        while (position > 0 && unicode14::combining_class(text[position - 1]) > combining_class) {
            text[position] = text[position - 1];
            --position;
        }
        text[position] = code_point;
    }
}

// A code point nothing composes across or with, where utf8proc's composition step would: the runs between
// them can be composed one by one.
bool is_composition_barrier(char32_t code_point) noexcept {
    return code_point == hangul_t_base || unicode14::is_unassigned_in_unicode14(code_point);
}

// Canonical composition of decomposed, canonically ordered text: utf8proc's, run by run between barriers.
void compose(std::u32string& text) {
    // The first code point has nothing before it to compose with.
    if (text.empty() || all_below(std::u32string_view(text).substr(1), first_composable_second)) {
        return;
    }
    // utf8proc composes an array of utf8proc_int32_t in place; char32_t may not be accessed as one.
    thread_local std::vector<utf8proc_int32_t> work;
    work.assign(text.begin(), text.end());
    const std::size_t size = work.size();
    std::size_t written = 0;
    std::size_t run_begin = 0;
    for (std::size_t i = 0; i <= size; ++i) {
        if (i < size && !is_composition_barrier(static_cast<char32_t>(work[i]))) {
            continue;
        }
        const utf8proc_ssize_t composed_length =
            utf8proc_normalize_utf32(work.data() + run_begin, static_cast<utf8proc_ssize_t>(i - run_begin),
                                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
        // Moves left (written <= run_begin), so a forward copy is safe.
        std::copy_n(work.begin() + static_cast<std::ptrdiff_t>(run_begin), composed_length,
                    work.begin() + static_cast<std::ptrdiff_t>(written));
        written += static_cast<std::size_t>(composed_length);
        if (i < size) {
            work[written++] = work[i];
        }
        run_begin = i + 1;
    }
    text.clear();
    append_code_points(work.data(), work.data() + written, text);
}

void decompose_into(std::u32string_view input, bool compatibility, std::u32string& output) {
    const auto options = static_cast<utf8proc_option_t>(compatibility ? (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT)
                                                                      : UTF8PROC_DECOMPOSE);
    const quick_check::Step step =
        compatibility ? quick_check::Step::decomposition : quick_check::Step::canonical_decomposition;
    output.clear();
    output.reserve(input.size());
    for (const char32_t code_point : input) {
        if (code_point < ascii_end || !quick_check::may_change(code_point, step) ||
            unicode14::is_unassigned_in_unicode14(code_point)) {
            output.push_back(code_point);
        } else {
            append_mapping(code_point, options, output);
        }
    }
    put_in_canonical_order(output);
}

}  // namespace

void normalize_into(std::u32string_view input, NormalizationForm form, std::u32string& output) {
    if (quick_check::is_normalized(input, form)) {
        output.assign(input);
        return;
    }
    decompose_into(input, form != NormalizationForm::nfc, output);
    if (form != NormalizationForm::nfkd) {
        compose(output);
    }
}

void casefold_into(std::u32string_view input, std::u32string& output) {
    output.clear();
    output.reserve(input.size());
    for (const char32_t code_point : input) {
        if (code_point < ascii_end) {
            output.push_back(ascii_lower(code_point));
        } else if (!quick_check::may_change(code_point, quick_check::Step::case_folding) ||
                   unicode14::is_unassigned_in_unicode14(code_point)) {
            output.push_back(code_point);
        } else {
            // utf8proc folds its folding again; that equals Python's single folding on every code
            // point (checked by the generator of unicode14_table.inc).
            append_mapping(code_point, UTF8PROC_CASEFOLD, output);
        }
    }
}

bool is_ascii(std::u32string_view text) noexcept {
    return all_below(text, ascii_end);
}

}  // namespace parity::core::text
