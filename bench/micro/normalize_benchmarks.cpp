// Benchmarks of field normalization (docs/matching.md section 2): the first step of every row and
// customer the matcher reads. Fixed inputs, cycled through so that no single value is memorised.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "parity/core/text/normalize.hpp"

namespace text = parity::core::text;

namespace {

using Values = std::vector<std::u32string>;

template <typename Normalize>
void run_values(benchmark::State& state, const Values& values, Normalize normalize) {
    std::size_t index = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(normalize(values[index]));
        index = index + 1 == values.size() ? 0 : index + 1;
    }
    state.SetItemsProcessed(state.iterations());
}

// All ASCII: the fast path.
const Values ascii_names{U"John",  U"O'Brien-Smith", U"  Mary  Ann ", U"10 Downing Street", U"JEAN-LUC",
                         U"Patel", U"McDonald",      U"Van der Berg", U"St. Mary's",        U"Smith Jr."};

// Latin with accents and ligatures: decomposition, case folding, composition.
const Values accented_names{U"José",     U"Müller", U"Nguyễn Thị Minh Khai", U"Łukasz",
                            U"François", U"Straße", U"Zoë Brontë",           U"Ångström",
                            U"Çelik",    U"Dvořák"};

// Other scripts: ideographs, Hangul, Greek, Arabic and Hebrew marks, Cyrillic, fullwidth forms.
const Values mixed_script_names{U"王小明", U"김민준",   U"Οδυσσεύς", U"مُحَمَّد",       U"Владимир",
                                U"דָּוִד",    U"ＪＯＨＮ", U"İsmail",   U"Jo\u200bhn", U"Ann 😀"};

const Values emails{U"John.Smith@Example.COM", U" ann.lee@example.org ", U"finn@obrien.ie",
                    U"jose.mueller@example.de", U"ＪＯＨＮ@example.com"};

const Values phones{U"+44 20 7946 0958", U"020 7946 0958", U"0044 (0)20 7946-0958", U"(555) 123-4567",
                    U"０２０ ７９４６ ０９５８"};

const Values postcodes{U"SW1A 1AA", U"75008", U"H91 X2Y3", U"D02 AF30", U"ＳＷ１Ａ　１ＡＡ"};

// One of each accepted format.
const Values dates{U"1984-03-07",   U"1984/3/7",    U"19840307",    U"07/03/1984",        U"03/25/1984",
                   U"7 March 1984", U"7 mar. 1984", U"Mar 7, 1984", U"September 30 1984", U"  1984-03-07 "};

const Values unreadable_dates{U"31/02/1990", U"1990-13-45", U"yesterday", U"7 Marchember 1984", U"1984-03"};

void BM_NormalizeTextAscii(benchmark::State& state) {
    run_values(state, ascii_names, text::normalize_text);
}

void BM_NormalizeTextAccented(benchmark::State& state) {
    run_values(state, accented_names, text::normalize_text);
}

void BM_NormalizeTextMixedScripts(benchmark::State& state) {
    run_values(state, mixed_script_names, text::normalize_text);
}

void BM_NormalizeEmail(benchmark::State& state) {
    run_values(state, emails, text::normalize_email);
}

void BM_NormalizePhone(benchmark::State& state) {
    run_values(state, phones, text::normalize_phone);
}

void BM_NormalizePostcode(benchmark::State& state) {
    run_values(state, postcodes, text::normalize_postcode);
}

void BM_NormalizeDate(benchmark::State& state) {
    run_values(state, dates, text::normalize_date);
}

// The cost of DateParseError: a thrown exception against try_normalize_date's error in the result.
void BM_NormalizeDateUnreadable(benchmark::State& state) {
    run_values(state, unreadable_dates, [](const std::u32string& value) {
        try {
            return text::normalize_date(value);
        } catch (const text::DateParseError&) {
            return std::optional<std::u32string>();
        }
    });
}

void BM_TryNormalizeDateUnreadable(benchmark::State& state) {
    run_values(state, unreadable_dates, text::try_normalize_date);
}

}  // namespace

BENCHMARK(BM_NormalizeTextAscii);
BENCHMARK(BM_NormalizeTextAccented);
BENCHMARK(BM_NormalizeTextMixedScripts);
BENCHMARK(BM_NormalizeEmail);
BENCHMARK(BM_NormalizePhone);
BENCHMARK(BM_NormalizePostcode);
BENCHMARK(BM_NormalizeDate);
BENCHMARK(BM_NormalizeDateUnreadable);
BENCHMARK(BM_TryNormalizeDateUnreadable);
