// Benchmarks of the naive oracles: the baseline the bit-parallel versions will be compared to.

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "parity/core/similarity/oracle/indel.hpp"
#include "parity/core/similarity/oracle/jaro.hpp"
#include "parity/core/similarity/oracle/levenshtein.hpp"
#include "parity/core/similarity/oracle/token_ratio.hpp"
#include "parity/core/text/utf8.hpp"

namespace oracle = parity::core::oracle;

namespace {

constexpr std::uint32_t seed = 20240601;
constexpr std::size_t pair_count = 256;  // cycled through, so branch predictors cannot memorise one pair

using Pairs = std::vector<std::pair<std::u32string, std::u32string>>;

std::u32string random_word(std::mt19937& random, std::size_t min_length, std::size_t max_length) {
    std::uniform_int_distribution<std::size_t> length(min_length, max_length);
    std::uniform_int_distribution<int> letter('a', 'z');
    std::u32string word(length(random), U' ');
    for (char32_t& code_point : word) {
        code_point = static_cast<char32_t>(letter(random));
    }
    return word;
}

std::u32string join_words(std::initializer_list<std::u32string_view> words) {
    std::u32string joined;
    for (const std::u32string_view word : words) {
        if (!joined.empty()) {
            joined += U' ';
        }
        joined += word;
    }
    return joined;
}

// Name-like strings of 4 to 12 letters: the matcher's first_name / last_name fields.
Pairs short_pairs() {
    std::mt19937 random(seed);
    Pairs pairs;
    for (std::size_t i = 0; i < pair_count; ++i) {
        // Two statements: the order in which function arguments are evaluated is unspecified.
        std::u32string a = random_word(random, 4, 12);
        std::u32string b = random_word(random, 4, 12);
        pairs.emplace_back(std::move(a), std::move(b));
    }
    return pairs;
}

// Street addresses sharing most tokens in a different order: the matcher's street field.
Pairs address_pairs() {
    constexpr std::array<std::u32string_view, 6> street_types{U"Street", U"St",   U"Avenue",
                                                              U"Ave",    U"Road", U"Rd"};
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> house_number(1, 9999);
    std::uniform_int_distribution<std::size_t> street_type(0, street_types.size() - 1);
    Pairs pairs;
    for (std::size_t i = 0; i < pair_count; ++i) {
        const std::u32string number = parity::core::decode_utf8(std::to_string(house_number(random)));
        const std::u32string street = random_word(random, 5, 10);
        const std::u32string city = random_word(random, 5, 10);
        // One draw per statement, for the same reason as in short_pairs().
        const std::u32string_view type_a = street_types[street_type(random)];
        const std::u32string_view type_b = street_types[street_type(random)];
        pairs.emplace_back(join_words({number, street, type_a, city}),
                           join_words({street, type_b, number, city}));
    }
    return pairs;
}

template <typename Metric>
void run_pairs(benchmark::State& state, const Pairs& pairs, Metric metric) {
    std::size_t index = 0;
    for (auto _ : state) {
        const auto& [a, b] = pairs[index];
        benchmark::DoNotOptimize(metric(a, b));
        index = (index + 1) % pairs.size();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_JaroWinklerShort(benchmark::State& state) {
    const Pairs pairs = short_pairs();
    run_pairs(state, pairs,
              [](std::u32string_view a, std::u32string_view b) { return oracle::jaro_winkler(a, b); });
}

void BM_LevenshteinShort(benchmark::State& state) {
    const Pairs pairs = short_pairs();
    run_pairs(state, pairs,
              [](std::u32string_view a, std::u32string_view b) { return oracle::levenshtein(a, b); });
}

void BM_IndelRatioShort(benchmark::State& state) {
    const Pairs pairs = short_pairs();
    run_pairs(state, pairs,
              [](std::u32string_view a, std::u32string_view b) { return oracle::indel_ratio(a, b); });
}

void BM_TokenSortRatioAddress(benchmark::State& state) {
    const Pairs pairs = address_pairs();
    run_pairs(state, pairs,
              [](std::u32string_view a, std::u32string_view b) { return oracle::token_sort_ratio(a, b); });
}

void BM_TokenSetRatioAddress(benchmark::State& state) {
    const Pairs pairs = address_pairs();
    run_pairs(state, pairs,
              [](std::u32string_view a, std::u32string_view b) { return oracle::token_set_ratio(a, b); });
}

void BM_DecodeUtf8Address(benchmark::State& state) {
    const std::string address = "Sint-Pietersplein 6, 9000 Gent — Bélgica";
    for (auto _ : state) {
        benchmark::DoNotOptimize(parity::core::decode_utf8(address));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(address.size()));
}

}  // namespace

BENCHMARK(BM_JaroWinklerShort);
BENCHMARK(BM_LevenshteinShort);
BENCHMARK(BM_IndelRatioShort);
BENCHMARK(BM_TokenSortRatioAddress);
BENCHMARK(BM_TokenSetRatioAddress);
BENCHMARK(BM_DecodeUtf8Address);
