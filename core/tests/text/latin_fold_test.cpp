// latin_fold: the tabulated steps equal the full ones (NFKC, case folding, NFKD) on every code point
// of the table and every pair of them: the pairs are where the table's premise (nothing composes or
// reorders across two code points) would fail.

#include "text/latin_fold.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "helpers/text_repr.hpp"
#include "text/normalization_forms.hpp"

namespace text = parity::core::text;
using parity::test::text_repr;

namespace {

std::u32string full_steps(const std::u32string& input) {
    std::u32string nfkc;
    std::u32string folded;
    std::u32string nfkd;
    text::normalize_into(input, text::NormalizationForm::nfkc, nfkc);
    text::casefold_into(nfkc, folded);
    text::normalize_into(folded, text::NormalizationForm::nfkd, nfkd);
    return nfkd;
}

}  // namespace

TEST_CASE("latin_fold covers the code points below its end only", "[text][latin_fold]") {
    CHECK(text::latin_fold::covers(U""));
    CHECK(text::latin_fold::covers(U"N\u00fcrnberg \u0130\u015f\u024f"));
    CHECK_FALSE(text::latin_fold::covers(U"Nu\u0308rnberg"));  // a combining mark
    CHECK_FALSE(text::latin_fold::covers(U"\u2b50 G\u00f3mez"));
}

TEST_CASE("latin_fold equals the full steps on every pair of code points", "[text][latin_fold]") {
    std::u32string folded;
    std::u32string pair(2, U'\0');
    std::size_t mismatches = 0;
    for (char32_t first = 0; first < text::latin_fold::table_end; ++first) {
        pair[0] = first;
        text::latin_fold::fold_into(pair.substr(0, 1), folded);
        if (folded != full_steps(pair.substr(0, 1))) {
            FAIL_CHECK("input " << text_repr(pair.substr(0, 1)) << ": expected "
                                << text_repr(full_steps(pair.substr(0, 1))) << ", got " << text_repr(folded));
        }
        for (char32_t second = 0; second < text::latin_fold::table_end && mismatches < 10; ++second) {
            pair[1] = second;
            text::latin_fold::fold_into(pair, folded);
            const std::u32string expected = full_steps(pair);
            if (folded != expected) {
                ++mismatches;
                FAIL_CHECK("input " << text_repr(pair) << ": expected " << text_repr(expected) << ", got "
                                    << text_repr(folded));
            }
        }
    }
    CHECK(mismatches == 0);
}
