// normalize_* against the Python reference (importer.matching.normalize): the cases of
// python/tests/test_normalize.py, then each parity trap of the utf8proc port by name. Expected values
// were produced by the reference; python/tests/test_native_normalize.py checks every code point.

#include "parity/core/text/normalize.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "helpers/text_repr.hpp"
#include "text/code_point_fold.hpp"
#include "text/date_parser.hpp"
#include "text/quick_check.hpp"

namespace text = parity::core::text;
using parity::test::text_repr;
using parity::test::value_repr;

namespace {

using Normalizer = std::optional<std::u32string> (*)(std::u32string_view);

struct Case {
    std::u32string_view raw;
    std::optional<std::u32string_view> expected;  // std::nullopt: missing (None)
};

std::optional<std::u32string> owned(std::optional<std::u32string_view> value) {
    if (!value) {
        return std::nullopt;
    }
    return std::u32string(*value);
}

// Each `normalize(raw) == expected`; a failure prints the input and both values as Python's ascii().
void check_cases(Normalizer normalize, const std::vector<Case>& cases) {
    for (const Case& test_case : cases) {
        INFO("input: " << text_repr(test_case.raw));
        CHECK(value_repr(normalize(test_case.raw)) == value_repr(owned(test_case.expected)));
    }
}

// text + suffix. (Not operator+: GCC 12 at -O3 warns about its inlined insert, a false -Wrestrict.)
std::u32string with_suffix(std::u32string_view text, std::u32string_view suffix) {
    std::u32string joined(text);
    joined.append(suffix);
    return joined;
}

void check_unreadable_dates(const std::vector<std::u32string_view>& values) {
    for (const std::u32string_view raw : values) {
        INFO("input: " << text_repr(raw));
        CHECK_THROWS_AS(text::normalize_date(raw), text::DateParseError);
        const text::DateNormalization normalized = text::try_normalize_date(raw);
        CHECK_FALSE(normalized.error.empty());
        CHECK(value_repr(normalized.value) == "None");
    }
}

}  // namespace

// ---- the reference's own test cases (python/tests/test_normalize.py) ----------------------------

TEST_CASE("normalize_text gives the reference's values", "[normalize]") {
    const std::vector<Case> cases{
        {U"José", U"jose"},
        {U"Jose\u0301", U"jose"},
        {U"Straße", U"strasse"},
        {U"STRASSE", U"strasse"},
        {U"İsmail", U"ismail"},
        {U"Yıldız", U"yıldız"},
        {U"ΟΔΥΣΣΕΥΣ", U"οδυσσευσ"},
        {U"Οδυσσεύς", U"οδυσσευσ"},
        {U"Jo\u200bhn", U"john"},
        {U"\ufeffAnn\u200d", U"ann"},
        {U"Mary\u00a0Ann", U"mary ann"},
        {U"  Mary \t\n  Ann  ", U"mary ann"},
        {U"O'Brien", U"obrien"},
        {U"O\u2019Brien", U"obrien"},
        {U"Jean-Luc", U"jean luc"},
        {U"Ann 😀", U"ann"},
        {U"ＪＯＨＮ", U"john"},
        {U"ﬁnn", U"finn"},
        {U"王小明", U"王小明"},
        {U"김민준", U"김민준"},
        {U"مُحَمَّد", U"محمد"},
        {U"דָּוִד", U"דוד"},
        {U"Nguyễn Thị Minh Khai", U"nguyen thi minh khai"},
        {U"Łukasz", U"łukasz"},
        {U"10, Downing St.", U"10 downing st"},
        {U"  José  O'Brien-Smith ", U"jose obrien smith"},
    };
    check_cases(text::normalize_text, cases);
}

TEST_CASE("normalize_text: blank values are missing", "[normalize]") {
    const std::vector<Case> cases{
        {U"", std::nullopt},           {U"   ", std::nullopt}, {U"\u200b", std::nullopt},
        {U"\u00a0\t\n", std::nullopt}, {U"---", std::nullopt}, {U"😀", std::nullopt},
        {U"''", std::nullopt},
    };
    check_cases(text::normalize_text, cases);
}

TEST_CASE("normalize_email gives the reference's values", "[normalize]") {
    const std::vector<Case> cases{
        {U" John.Smith@Example.COM ", U"john.smith@example.com"},
        {U"john\u200b.smith@example.com", U"john.smith@example.com"},
        {U"ＪＯＨＮ@example.com", U"john@example.com"},
        {U"   ", std::nullopt},
        {U"", std::nullopt},
    };
    check_cases(text::normalize_email, cases);
}

TEST_CASE("normalize_phone gives the reference's values", "[normalize]") {
    const std::vector<Case> cases{
        {U"+44 20 7946 0958", U"079460958"},
        {U"020 7946 0958", U"079460958"},
        {U"0044 (0)20 7946-0958", U"079460958"},
        {U"(555) 123-4567", U"551234567"},
        {U"+1-555-123-4567", U"551234567"},
        {U"555.123.4567", U"551234567"},
        {U"０２０ ７９４６ ０９５８", U"079460958"},
        {U"123 45 67", U"1234567"},
        {U"12345", std::nullopt},
        {U"n/a", std::nullopt},
        {U"\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667", std::nullopt},  // Arabic-Indic digits: not 0-9
        {U"\u2460\u2461\u2462\u2463\u2464\u2465\u2466", U"1234567"},  // circled digits: NFKC makes them ASCII
    };
    check_cases(text::normalize_phone, cases);
}

TEST_CASE("normalize_postcode gives the reference's values", "[normalize]") {
    const std::vector<Case> cases{
        {U"SW1A 1AA", U"sw1a1aa"},
        {U"75008", U"75008"},
        {U" - ", std::nullopt},
    };
    check_cases(text::normalize_postcode, cases);
}

TEST_CASE("normalize_date gives the reference's values", "[normalize][date]") {
    const std::vector<Case> cases{
        {U"1984-03-07", U"1984-03-07"},
        {U"1984/3/7", U"1984-03-07"},
        {U"19840307", U"1984-03-07"},
        {U"07/03/1984", U"1984-03-07"},
        {U"7.3.1984", U"1984-03-07"},
        {U"25/03/1984", U"1984-03-25"},
        {U"03/25/1984", U"1984-03-25"},
        {U"7 March 1984", U"1984-03-07"},
        {U"7 mar. 1984", U"1984-03-07"},
        {U"Mar 7, 1984", U"1984-03-07"},
        {U"September 30 1984", U"1984-09-30"},
        {U"１９８４-０３-０７", U"1984-03-07"},
        {U"  1984-03-07 ", U"1984-03-07"},
        {U"2000-02-29", U"2000-02-29"},
        {U"", std::nullopt},
        {U"  ", std::nullopt},
    };
    check_cases(text::normalize_date, cases);
}

TEST_CASE("normalize_date rejects what the reference rejects", "[normalize][date]") {
    check_unreadable_dates({U"31/02/1990", U"1990-13-45", U"1900-02-29", U"yesterday", U"7 Marchember 1984",
                            U"13/13/1990", U"1984-03", U"٠٧/٠٣/١٩٨٤"});
}

// ---- dates: every format and its edges, as re.fullmatch with re.ASCII reads them ----------------------

TEST_CASE("normalize_date reads each format exactly as the reference's patterns", "[normalize][date]") {
    const std::vector<Case> cases{
        {U"1984-3-7", U"1984-03-07"},         {U"1984.03.07", U"1984-03-07"},
        {U"1984/03/7", U"1984-03-07"},        {U"07-03-1984", U"1984-03-07"},
        {U"7/3/1984", U"1984-03-07"},         {U"12/13/1990", U"1990-12-13"},  // only US order fits
        {U"13/12/1990", U"1990-12-13"},                                        // only day first fits
        {U"12/12/1990", U"1990-12-12"},       {U"may 7 1984", U"1984-05-07"},
        {U"7 may 1984", U"1984-05-07"},       {U"sept. 30, 1984", U"1984-09-30"},
        {U"SEPT 30 1984", U"1984-09-30"},     {U"31 dec 1999", U"1999-12-31"},
        {U"１９８４０３０７", U"1984-03-07"},  // fullwidth digits: NFKC makes them ASCII
        {U"9999-12-31", U"9999-12-31"},       {U"1/2/0001", U"0001-02-01"},
        {U"2004-02-29", U"2004-02-29"},
    };
    check_cases(text::normalize_date, cases);
}

TEST_CASE("normalize_date accepts all 24 month names", "[normalize][date]") {
    const std::vector<std::pair<std::u32string_view, std::u32string_view>> names{
        {U"january", U"01"},  {U"jan", U"01"},    {U"february", U"02"}, {U"feb", U"02"},
        {U"march", U"03"},    {U"mar", U"03"},    {U"april", U"04"},    {U"apr", U"04"},
        {U"may", U"05"},      {U"june", U"06"},   {U"jun", U"06"},      {U"july", U"07"},
        {U"jul", U"07"},      {U"august", U"08"}, {U"aug", U"08"},      {U"september", U"09"},
        {U"sep", U"09"},      {U"sept", U"09"},   {U"october", U"10"},  {U"oct", U"10"},
        {U"november", U"11"}, {U"nov", U"11"},    {U"december", U"12"}, {U"dec", U"12"},
    };
    for (const auto& [name, month] : names) {
        const std::u32string expected = U"1984-" + std::u32string(month) + U"-07";
        const std::u32string day_first = U"7 " + std::u32string(name) + U" 1984";
        const std::u32string month_first = std::u32string(name) + U". 7, 1984";
        INFO("month name: " << text_repr(name));
        CHECK(value_repr(text::normalize_date(day_first)) == text_repr(expected));
        CHECK(value_repr(text::normalize_date(month_first)) == text_repr(expected));
    }
}

TEST_CASE("normalize_date rejects near misses of each pattern and unreal dates", "[normalize][date]") {
    const std::vector<std::u32string_view> values{
        U"7 smarch 1984",  // a word that is no month falls through, and nothing else fits
        U"march 7,1984",   // ",?" then a space is required
        U"mar 7 , 1984",
        U"7 mar.. 1984",
        U"7 mar 84",  // \d{4}
        U"7march 1984",
        U"1 jan. 1",
        U"01 01 1984",
        U"1984-03/07",  // the separator must be the same both times
        U"1984.03-07",
        U"1984-03-007",  // \d{1,2}
        U"1984030",
        U"198403077",
        U"7 ma\u0301rch 1984",  // [a-z]+ is ASCII only
        U"7 Mar\u0130 1984",    // casefold gives i + U+0307
        U"\u216b/12/1990",      // NFKC turns ROMAN NUMERAL TWELVE into "XII"
        U"0000-01-01",          // years 1..9999
        U"19840230",
        U"29.02.2001",
        U"1984-00-10",
        U"1984-01-00",
        U"1984-04-31",
    };
    check_unreadable_dates(values);
}

TEST_CASE("DateParseError is a std::invalid_argument, as the reference's is a ValueError",
          "[normalize][date]") {
    CHECK_THROWS_AS(text::normalize_date(U"yesterday"), std::invalid_argument);
    CHECK(text::try_normalize_date(U"31/02/1990").error == "not a real date");
    CHECK(text::try_normalize_date(U"yesterday").error == "unrecognised date format");
    CHECK(text::try_normalize_date(U"  ").error.empty());
}

// ---- the parity traps of a utf8proc (Unicode 15) port of a Python 3.11 (Unicode 14) reference --------

TEST_CASE("Trap: code points new in Unicode 15 pass through as unassigned in Unicode 14",
          "[normalize][trap]") {
    // U+1E030 MODIFIER LETTER CYRILLIC SMALL A: a <super> decomposition in Unicode 15.
    check_cases(text::normalize_text, {{U"a\U0001E030b", U"a\U0001E030b"}});
    check_cases(text::normalize_email, {{U"\U0001E030", U"\U0001E030"}});
    // U+10EFD ARABIC SMALL LOW WORD SAKTA: combining class 220 in Unicode 15, so neither removed nor
    // reordered, and it keeps U+0301 from composing with the e before it.
    check_cases(text::normalize_text,
                {{U"a\U00010EFD", U"a\U00010EFD"}, {U"e\U00010EFD\u0301", U"e\U00010EFD"}});
    check_cases(text::normalize_email,
                {{U"e\U00010EFD\u0301", U"e\U00010EFD\u0301"}, {U"e\u0301", U"\u00e9"}});
    // U+1F6DC WIRELESS (So in Unicode 15): not a word break. U+11F50 KAWI DIGIT ZERO (Nd): not a number.
    // U+13439 EGYPTIAN HIEROGLYPH INSERT AT MIDDLE (Cf): not removed.
    check_cases(text::normalize_text, {{U"a\U0001F6DCb", U"a\U0001F6DCb"}});
    check_cases(text::normalize_postcode, {{U"a\U00011F50", U"a"}});
    check_cases(text::normalize_email, {{U"a\U00013439b", U"a\U00013439b"}});
}

TEST_CASE("Trap: default-ignorable code points are kept (not utf8proc's fused NFKC_Casefold)",
          "[normalize][trap]") {
    const std::vector<Case> cases{
        {U"a\u034Fb", U"a\u034Fb"},  // COMBINING GRAPHEME JOINER: Mn of class 0
        {U"a\uFE0Fb", U"a\uFE0Fb"},  // VARIATION SELECTOR-16
        {U"a\u180Bb", U"a\u180Bb"},  // MONGOLIAN FREE VARIATION SELECTOR ONE
        {U"\u1160", U"\u1160"},      // HANGUL JUNGSEONG FILLER
        {U"\u3164", U"\u1160"},      // HANGUL FILLER: NFKC, then kept
        {U"\u17B4", U"\u17B4"},      // KHMER VOWEL INHERENT AQ
    };
    check_cases(text::normalize_text, cases);
    check_cases(text::normalize_email, {{U"a\u034Fb", U"a\u034Fb"}});
    // Default ignorables of category Cf go, by the reference's own rule.
    check_cases(text::normalize_text, {{U"a\u00ADb", U"ab"}, {U"a\u2060b", U"ab"}, {U"a\u061Cb", U"ab"}});
}

TEST_CASE("Trap: case folding is full folding, as str.casefold()", "[normalize][trap]") {
    const std::vector<Case> email_cases{
        {U"İ", U"i\u0307"},            // not the Turkic simple folding to i
        {U"ΣΑΣ", U"σασ"},              // no final-sigma context
        {U"\u1F88", U"\u1F00\u03B9"},  // ᾈ: one code point folds to two
        {U"ẞ", U"ss"},
        {U"ﬁ", U"fi"},
        {U"\u0149", U"\u02BCn"},  // ŉ: NFKC first, then folding
    };
    check_cases(text::normalize_email, email_cases);
    const std::vector<Case> text_cases{
        {U"ẞ", U"ss"},
        {U"İ", U"i"},
        {U"\u03B1\u0345", U"\u03B1\u03B9"},  // YPOGEGRAMMENI (class 240) folds to ι before marks are removed
    };
    check_cases(text::normalize_text, text_cases);
}

TEST_CASE("Trap: only marks of non-zero combining class are removed (not utf8proc's STRIPMARK)",
          "[normalize][trap]") {
    const std::vector<Case> cases{
        {U"\u0915\u093E", U"\u0915\u093E"},  // DEVANAGARI VOWEL SIGN AA: Mc, class 0
        {U"\u0E01\u0E31", U"\u0E01\u0E31"},  // THAI CHARACTER MAI HAN-AKAT: Mn, class 0
        {U"\u0903", U"\u0903"},              // DEVANAGARI SIGN VISARGA
        {U"Jose\u0301", U"jose"},            // class 230: removed
    };
    check_cases(text::normalize_text, cases);
}

TEST_CASE("Trap: U+11A7 after a Hangul LV syllable is kept (utf8proc 2.8 composition drops it)",
          "[normalize][trap]") {
    check_cases(text::normalize_text, {{U"\uAC00\u11A7", U"\uAC00\u11A7"}});
    const std::vector<Case> cases{
        {U"\uAC00\u11A7", U"\uAC00\u11A7"},
        {U"\u1100\u1161\u11A7", U"\uAC00\u11A7"},
        {U"\u1100\u1161\u11A8", U"\uAC01"},  // a real trailing consonant still composes
    };
    check_cases(text::normalize_email, cases);
}

TEST_CASE("Trap: the listed apostrophes are removed, other quotes break words", "[normalize][trap]") {
    const std::vector<Case> cases{
        {U"O\u02BCBrien", U"obrien"},  // MODIFIER LETTER APOSTROPHE (a letter, Lm)
        {U"O\u2018Brien\u2019", U"obrien"},
        {U"O`Brien", U"obrien"},
        {U"O\uFF07Brien", U"obrien"},  // FULLWIDTH APOSTROPHE: NFKC gives '
        {U"O\u201CBrien\u201D", U"o brien"},
        {U"O\u02B9Brien", U"o\u02B9brien"},  // MODIFIER LETTER PRIME: a letter, kept
    };
    check_cases(text::normalize_text, cases);
}

TEST_CASE("Trap: dates collapse Python's whitespace only", "[normalize][trap][date]") {
    const std::vector<Case> cases{
        {U"7\x1fMarch\u0085 1984", U"1984-03-07"},  // U+001F and NEXT LINE are str.isspace()
        {U"7\u00A0mar\u3000 1984", U"1984-03-07"},
        {U"\u2029 1984-03-07 \x1c", U"1984-03-07"},
    };
    check_cases(text::normalize_date, cases);
    check_unreadable_dates({U"7\u200Bmar 1984"});  // ZERO WIDTH SPACE is not whitespace
}

TEST_CASE("Trap: the ASCII fast path gives what the Unicode path gives", "[normalize][trap]") {
    // A trailing code point that each function drops sends the same ASCII text down the Unicode path.
    constexpr std::u32string_view zero_width_space = U"\u200B";
    // For text: NFKC makes it an apostrophe, which is dropped; zero width space is folded by table.
    constexpr std::u32string_view fullwidth_apostrophe = U"\uFF07";
    constexpr std::u32string_view ideographic_space = U"\u3000";  // for dates: Python whitespace
    const std::vector<std::pair<Normalizer, std::u32string_view>> functions{
        {text::normalize_text, fullwidth_apostrophe},
        {text::normalize_email, zero_width_space},
        {text::normalize_phone, zero_width_space},
        {text::normalize_postcode, zero_width_space},
    };
    std::vector<std::u32string> inputs{U"O'Brien-Smith", U"  Jean\tLuc ",           U"+44 (0)20 7946-0958",
                                       U"SW1A 1AA",      U"John.Smith@Example.COM", U"a`b'c~d_e"};
    for (char32_t first = 0; first < 0x80; ++first) {
        inputs.emplace_back(1, first);
        for (const char32_t second : {U'A', U'z', U'5', U' ', U'\'', U'-', U'\x7f'}) {
            inputs.push_back({first, second});
        }
    }
    for (const std::u32string& input : inputs) {
        INFO("input: " << text_repr(input));
        for (const auto& [normalize, dropped] : functions) {
            CHECK(value_repr(normalize(input)) == value_repr(normalize(with_suffix(input, dropped))));
        }
        const text::DateNormalization ascii = text::try_normalize_date(input);
        const text::DateNormalization unicode =
            text::try_normalize_date(with_suffix(input, ideographic_space));
        CHECK(value_repr(ascii.value) == value_repr(unicode.value));
        CHECK(ascii.error == unicode.error);
    }
}

TEST_CASE("Trap: the folding table's path gives what the full path gives on pairs of code points",
          "[normalize][trap]") {
    // normalize_text folds texts of code points that fold on their own by table and skips its last
    // step, NFC (text/code_point_fold.hpp). A trailing fullwidth apostrophe (outside the table, an
    // apostrophe once NFKC has mapped it, so dropped) sends the same text down the full path:
    // NFKC, case folding, NFKD, the mapping, NFC. Every pair of the table's code points, and each
    // of them next to code points no step changes.
    const std::vector<char32_t> table = text::code_point_fold::table_code_points();
    std::vector<char32_t> inert{U'\u1100', U'\u304B', U'\u05D0', U'\u0627', U'\u611B', U'\u2B50'};
    for (char32_t code_point = 0x250; code_point < 0x30000; code_point += 997) {
        if (text::quick_check::is_inert(code_point)) {
            inert.push_back(code_point);
        }
    }
    std::size_t mismatches = 0;
    const auto check_pair = [&mismatches](char32_t first, char32_t second) {
        const std::u32string pair{first, second};
        const std::optional<std::u32string> by_table = text::normalize_text(pair);
        const std::optional<std::u32string> full = text::normalize_text(with_suffix(pair, U"\uFF07"));
        if (by_table != full && ++mismatches <= 10) {
            FAIL_CHECK("input " << text_repr(pair) << ": full path " << value_repr(full) << ", by table "
                                << value_repr(by_table));
        }
    };
    for (const char32_t first : table) {
        for (const char32_t second : table) {
            check_pair(first, second);
        }
        for (const char32_t other : inert) {
            check_pair(first, other);
            check_pair(other, first);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("Trap: Hangul syllables by table give what the full path gives, next to anything",
          "[normalize][trap]") {
    // normalize_text keeps a precomposed syllable as itself on the table's path (text/normalize.cpp,
    // push_hangul_syllable); the full path decomposes it to jamo and NFC joins them again. Every
    // syllable alone, and syllables next to each other, to jamo of every kind (leading, vowel,
    // trailing, U+11A7, compatibility and halfwidth jamo, which NFKC turns into conjoining ones), to
    // the folding table's code points and to code points no step changes: wherever a neighbour
    // could join a syllable, the text must take the full steps and still agree.
    std::size_t mismatches = 0;
    const auto check = [&mismatches](const std::u32string& text) {
        const std::optional<std::u32string> by_table = text::normalize_text(text);
        const std::optional<std::u32string> full = text::normalize_text(with_suffix(text, U"\uFF07"));
        if (by_table != full && ++mismatches <= 10) {
            FAIL_CHECK("input " << text_repr(text) << ": full path " << value_repr(full) << ", by table "
                                << value_repr(by_table));
        }
    };
    using text::quick_check::hangul_syllables_begin;
    using text::quick_check::hangul_syllables_end;
    for (char32_t syllable = hangul_syllables_begin; syllable < hangul_syllables_end; ++syllable) {
        check({syllable});
        check({syllable, U' ', U'A', syllable});
    }
    std::vector<char32_t> neighbours{U'a',      U'\u00C9', U'\u0625', U'\u05D0',    U'\u611B',
                                     U'\u200B', U'\u0301', U'\u3000', U'\U0001F600'};
    for (const auto& [begin, end] : {std::pair<char32_t, char32_t>{0x1100, 0x1200},
                                     {0x3130, 0x3190},
                                     {0xA960, 0xA980},
                                     {0xD7B0, 0xD800},
                                     {0xFFA0, 0xFFDD}}) {
        for (char32_t jamo = begin; jamo < end; ++jamo) {
            neighbours.push_back(jamo);
        }
    }
    for (char32_t code_point = 0; code_point < 0x2000; code_point += 7) {
        neighbours.push_back(code_point);
    }
    for (char32_t syllable = hangul_syllables_begin; syllable < hangul_syllables_end; syllable += 97) {
        for (const char32_t other : neighbours) {
            check({syllable, other});
            check({other, syllable});
        }
        for (char32_t second = hangul_syllables_begin + syllable % 89; second < hangul_syllables_end;
             second += 89) {
            check({syllable, second});
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("Code points above U+10FFFF are rejected", "[normalize]") {
    const std::u32string invalid{U'a', static_cast<char32_t>(0x110000)};
    CHECK_THROWS_AS(text::normalize_text(invalid), std::invalid_argument);
    CHECK_THROWS_AS(text::normalize_email(invalid), std::invalid_argument);
}

TEST_CASE("The _into normalizers give the same values into a string holding an earlier one", "[normalize]") {
    using Into = bool (*)(std::u32string_view, std::u32string&);
    const std::vector<std::pair<Normalizer, Into>> normalizers = {
        {text::normalize_text, text::normalize_text_into},
        {text::normalize_email, text::normalize_email_into},
        {text::normalize_phone, text::normalize_phone_into},
        {text::normalize_postcode, text::normalize_postcode_into},
        {text::normalize_date, text::normalize_date_into},
    };
    // Long then short, present then missing, ASCII then not: each value goes into what the last left.
    const std::vector<std::u32string_view> values = {
        U"  Jos\u00e9 O'Brien-Smith, 221B Baker Street, London NW1 6XE  ", U"1990-03-07", U"  ",
        U"ANN@Example.ORG", U"+44 (0)20 7946 0958", U"\u00c5ngstr\u00f6m", U"", U"7 mar. 1984", U"12",
        U"\uff11\uff19\uff19\uff10-\uff10\uff13-\uff10\uff17", U"x",
    };
    for (const auto& [normalize, normalize_into] : normalizers) {
        std::u32string out = U"an earlier value, longer than most of those that follow it";
        for (const std::u32string_view raw : values) {
            INFO("input: " << text_repr(raw));
            std::optional<std::u32string> expected;
            try {
                expected = normalize(raw);
            } catch (const text::DateParseError&) {
                CHECK_THROWS_AS(normalize_into(raw, out), text::DateParseError);
                continue;
            }
            const bool present = normalize_into(raw, out);
            CHECK(value_repr(present ? std::optional<std::u32string>(out) : std::nullopt) == value_repr(expected));
        }
    }
}

TEST_CASE("an ISO date is its own normalization exactly when the general reading says so", "[normalize][date]") {
    // normalize_date skips the general steps for is_iso_date texts: for every YYYY-MM-DD text of these
    // years, months 00..13 and days 00..32, its outcome is the general reading's (read_date on the
    // text, which the steps before it leave unchanged), value or error.
    using parity::core::text::is_iso_date;
    using parity::core::text::iso_format;
    using parity::core::text::read_date;
    using parity::core::text::try_normalize_date;
    std::size_t iso_dates = 0;
    for (const int year : {0, 1, 4, 99, 100, 999, 1582, 1900, 1957, 2000, 2023, 2024, 2100, 9999}) {
        for (int month = 0; month <= 13; ++month) {
            for (int day = 0; day <= 32; ++day) {
                char ascii[11];
                std::snprintf(ascii, sizeof ascii, "%04d-%02d-%02d", year, month, day);
                const std::u32string text(ascii, ascii + 10);
                const auto general = read_date(text);
                const auto outcome = try_normalize_date(text);
                INFO(ascii);
                CHECK(outcome.error == general.error);
                if (general.error.empty()) {
                    REQUIRE(outcome.value);
                    CHECK(*outcome.value == iso_format(general.date));
                    CHECK(*outcome.value == text);
                    CHECK(is_iso_date(text));
                    ++iso_dates;
                } else {
                    CHECK_FALSE(outcome.value);
                    CHECK_FALSE(is_iso_date(text));
                }
            }
        }
    }
    CHECK(iso_dates == 13 * 365 + 3);  // year 0 has none; of the other 13, 4, 2000 and 2024 are leap years
}
