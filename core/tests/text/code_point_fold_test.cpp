// code_point_fold: the folding by table equals the full steps (NFKC, case folding, NFKD) on every
// code point it accepts, on every pair of code points of its table, and on each of those next to
// code points that no step changes: the pairs are where its premise (nothing composes or reorders
// across two code points) would fail.

#include "text/code_point_fold.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "helpers/text_repr.hpp"
#include "text/normalization_forms.hpp"
#include "text/quick_check.hpp"

namespace text = parity::core::text;
using parity::test::text_repr;

namespace {

/// Code points of planes 0 to 2 that no step changes, one in `stride`, and a few picked by hand:
/// a Hangul leading consonant and a kana that compose with what follows them, Hebrew, Arabic, CJK,
/// a format character, a symbol.
std::vector<char32_t> inert_code_points(char32_t stride) {
    std::vector<char32_t> code_points{U'\u1100', U'\u304B', U'\u05D0', U'\u0627', U'\u611B', U'\u200B', U'\u2B50'};
    for (char32_t code_point = 0; code_point < 0x30000; code_point += stride) {
        if (text::quick_check::is_inert(code_point)) {
            code_points.push_back(code_point);
        }
    }
    return code_points;
}

std::u32string full_steps(const std::u32string& input) {
    std::u32string nfkc;
    std::u32string folded;
    std::u32string nfkd;
    text::normalize_into(input, text::NormalizationForm::nfkc, nfkc);
    text::casefold_into(nfkc, folded);
    text::normalize_into(folded, text::NormalizationForm::nfkd, nfkd);
    return nfkd;
}

/// Whether try_fold_into accepts `input`; when it does, its folding must equal the full steps'.
/// Counts a difference in `mismatches` (and reports the first few).
bool fold_matches(const std::u32string& input, std::size_t& mismatches) {
    std::u32string folded;
    if (!text::code_point_fold::try_fold_into(input, folded)) {
        return false;
    }
    const std::u32string expected = full_steps(input);
    if (folded != expected && ++mismatches <= 10) {
        FAIL_CHECK("input " << text_repr(input) << ": expected " << text_repr(expected) << ", got "
                            << text_repr(folded));
    }
    return true;
}

}  // namespace

TEST_CASE("code_point_fold takes texts of starters that fold on their own, and only those", "[text][fold]") {
    std::u32string folded;
    CHECK(text::code_point_fold::try_fold_into(U"", folded));
    CHECK(text::code_point_fold::try_fold_into(U"N\u00fcrnberg \u0130\u015f\u024f", folded));
    CHECK(text::code_point_fold::try_fold_into(U"\u039d\u03af\u03ba\u03b7 \u611b", folded));  // Νίκη 愛
    CHECK(folded == U"\u03bd\u03b9\u0301\u03ba\u03b7 \u611b");
    CHECK(text::code_point_fold::try_fold_into(U"\u2b50 G\u00f3mez", folded));  // ⭐: no step changes it
    CHECK(text::code_point_fold::try_fold_into(U"\u041d\u0430\u0442\u0430\u043b\u044c\u044f", folded));  // Наталья
    CHECK_FALSE(text::code_point_fold::try_fold_into(U"Nu\u0308rnberg", folded));  // a combining mark
    CHECK_FALSE(text::code_point_fold::try_fold_into(U"\uac00", folded));          // a Hangul syllable decomposes
    CHECK_FALSE(text::code_point_fold::try_fold_into(U"\uff21", folded));          // fullwidth A, outside the table
    CHECK_FALSE(text::code_point_fold::try_fold_into(U"\u1161", folded));  // a Hangul vowel composes with what precedes it
}

TEST_CASE("code_point_fold equals the full steps on every code point of planes 0 to 2 it takes", "[text][fold]") {
    std::size_t mismatches = 0;
    std::size_t taken = 0;
    for (char32_t code_point = 0; code_point < 0x30000; ++code_point) {
        taken += fold_matches(std::u32string(1, code_point), mismatches) ? 1 : 0;
    }
    CHECK(mismatches == 0);
    CHECK(taken > 150000);  // most of the code points: all that no step changes, and most of the table's
}

TEST_CASE("code_point_fold equals the full steps on every pair of code points of its table", "[text][fold]") {
    const std::vector<char32_t> code_points = text::code_point_fold::table_code_points();
    std::u32string pair(2, U'\0');
    std::u32string folded;
    std::size_t mismatches = 0;
    for (const char32_t first : code_points) {
        pair[0] = first;
        const bool first_taken = text::code_point_fold::try_fold_into(pair.substr(0, 1), folded);
        for (const char32_t second : code_points) {
            pair[1] = second;
            const bool second_taken = text::code_point_fold::try_fold_into(pair.substr(1), folded);
            // A text is taken exactly when each of its code points is.
            if (fold_matches(pair, mismatches) != (first_taken && second_taken) && ++mismatches <= 10) {
                FAIL_CHECK("input " << text_repr(pair) << ": taken as a pair, not each alone, or the other way");
            }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("code_point_fold equals the full steps on its table's code points next to ones no step changes",
          "[text][fold]") {
    const std::vector<char32_t> inert = inert_code_points(149);
    REQUIRE(inert.size() > 1000);
    std::u32string pair(2, U'\0');
    std::size_t mismatches = 0;
    for (const char32_t table_code_point : text::code_point_fold::table_code_points()) {
        for (const char32_t other : inert) {
            pair[0] = table_code_point;
            pair[1] = other;
            static_cast<void>(fold_matches(pair, mismatches));
            pair[0] = other;
            pair[1] = table_code_point;
            static_cast<void>(fold_matches(pair, mismatches));
        }
    }
    CHECK(mismatches == 0);
}
