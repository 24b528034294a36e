// Benchmarks of the similarity metrics: each naive oracle against its fast version, on the same
// comparisons. Registered as BM_<Metric><Implementation><Case>, e.g. BM_JaroWinklerOracleNames,
// BM_JaroWinklerFastNames and BM_JaroWinklerCachedNames, where Fast is the free function (its
// pattern built per call) and Cached the Cached* class (its pattern built once per row, as in the
// matcher's loop over candidates).
//
//   build/release/bench/micro/parity_core_benchmarks --benchmark_filter='Names$'

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parity/core/oracle/indel.hpp"
#include "parity/core/oracle/jaro.hpp"
#include "parity/core/oracle/levenshtein.hpp"
#include "parity/core/oracle/token_ratio.hpp"
#include "parity/core/similarity/indel.hpp"
#include "parity/core/similarity/jaro.hpp"
#include "parity/core/similarity/levenshtein.hpp"
#include "parity/core/similarity/token_ratio.hpp"
#include "parity/core/text/utf8.hpp"

namespace core = parity::core;
namespace oracle = parity::core::oracle;

namespace {

constexpr std::uint32_t seed = 20240601;
constexpr std::size_t pair_count = 256;  // cycled through, so branch predictors cannot memorise one pair

using Pairs = std::vector<std::pair<std::u32string, std::u32string>>;

std::u32string random_word(std::mt19937& random, std::size_t min_length, std::size_t max_length,
                           char32_t first = U'a', char32_t last = U'z') {
    std::uniform_int_distribution<std::size_t> length(min_length, max_length);
    std::uniform_int_distribution<char32_t> letter(first, last);
    std::u32string word(length(random), U' ');
    for (char32_t& code_point : word) {
        code_point = letter(random);
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

// A typo or two: substitutions and adjacent swaps, as in misspelt names.
std::u32string with_typos(std::mt19937& random, std::u32string text) {
    std::uniform_int_distribution<std::size_t> position(0, text.size() - 2);
    std::uniform_int_distribution<int> typos(1, 2);
    for (int typo = typos(random); typo > 0; --typo) {
        const std::size_t at = position(random);
        if (typo == 1) {
            std::swap(text[at], text[at + 1]);
        } else {
            text[at] = text[at] == U'x' ? U'y' : U'x';
        }
    }
    return text;
}

// Name-like strings of 4 to 12 letters (the first_name / last_name fields): half of the pairs
// a name against a misspelt copy, half two unrelated names.
Pairs name_pairs() {
    std::mt19937 random(seed);
    Pairs pairs;
    for (std::size_t i = 0; i < pair_count; ++i) {
        // Two statements: the order in which function arguments are evaluated is unspecified.
        std::u32string a = random_word(random, 4, 12);
        std::u32string b = i % 2 == 0 ? with_typos(random, a) : random_word(random, 4, 12);
        pairs.emplace_back(std::move(a), std::move(b));
    }
    return pairs;
}

// Names of 2 to 4 CJK ideographs: every code point goes through the hash map, not the table.
Pairs cjk_name_pairs() {
    std::mt19937 random(seed);
    Pairs pairs;
    for (std::size_t i = 0; i < pair_count; ++i) {
        std::u32string a = random_word(random, 2, 4, U'\u4e00', U'\u4e3f');
        std::u32string b =
            i % 2 == 0 ? with_typos(random, a) : random_word(random, 2, 4, U'\u4e00', U'\u4e3f');
        pairs.emplace_back(std::move(a), std::move(b));
    }
    return pairs;
}

// Street addresses sharing most tokens in a different order: the matcher's street field.
Pairs street_pairs() {
    constexpr std::array<std::u32string_view, 6> street_types{U"Street", U"St",   U"Avenue",
                                                              U"Ave",    U"Road", U"Rd"};
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> house_number(1, 9999);
    std::uniform_int_distribution<std::size_t> street_type(0, street_types.size() - 1);
    Pairs pairs;
    for (std::size_t i = 0; i < pair_count; ++i) {
        const std::u32string number = core::decode_utf8(std::to_string(house_number(random)));
        const std::u32string street = random_word(random, 5, 10);
        const std::u32string city = random_word(random, 5, 10);
        // One draw per statement, for the same reason as in name_pairs().
        const std::u32string_view type_a = street_types[street_type(random)];
        const std::u32string_view type_b = street_types[street_type(random)];
        pairs.emplace_back(join_words({number, street, type_a, city}),
                           join_words({street, type_b, number, city}));
    }
    return pairs;
}

// 100 to 200 code points of words, against a copy with typos and two words exchanged: past one
// machine word, so the multi-word (blocked) paths run.
Pairs long_pairs() {
    std::mt19937 random(seed);
    Pairs pairs;
    for (std::size_t i = 0; i < pair_count; ++i) {
        std::vector<std::u32string> words;
        std::size_t length = 0;
        const std::size_t target = std::uniform_int_distribution<std::size_t>(100, 200)(random);
        while (length + 4 < target) {
            words.push_back(random_word(random, 2, 9));
            length += words.back().size() + 1;
        }
        std::u32string a;
        std::u32string b;
        std::swap(words[1], words[words.size() / 2]);
        for (std::size_t w = 0; w < words.size(); ++w) {
            a += (w > 0 ? U" " : U"") + words[w];
        }
        std::swap(words[1], words[words.size() / 2]);
        for (std::size_t w = 0; w < words.size(); ++w) {
            b += (w > 0 ? U" " : U"") + words[w];
        }
        std::u32string typo_b = with_typos(random, b);
        pairs.emplace_back(std::move(a), std::move(typo_b));
    }
    return pairs;
}

// The matcher's loop: one row's field against its block of candidates. Iteration k compares row
// r = (k / candidates_per_row) % pair_count (the first string of pair r) with the second string of
// pair r + k % candidates_per_row: each row's first candidate is its own near copy, the others
// unrelated. Oracle, Fast and Cached all compare exactly these strings.
constexpr std::size_t candidates_per_row = 16;

// Walks the comparisons with increments only: a division per iteration would cost about as much
// as comparing two short names.
class Comparisons {
  public:
    explicit Comparisons(std::size_t pair_count) : pair_count_(pair_count) {}

    [[nodiscard]] std::size_t row() const {
        return row_;
    }
    [[nodiscard]] std::size_t candidate() const {
        return candidate_;
    }

    void next() {
        if (++offset_ == candidates_per_row) {
            offset_ = 0;
            row_ = row_ + 1 == pair_count_ ? 0 : row_ + 1;
            candidate_ = row_;
            return;
        }
        candidate_ = candidate_ + 1 == pair_count_ ? 0 : candidate_ + 1;
    }

  private:
    std::size_t pair_count_;
    std::size_t row_ = 0;
    std::size_t candidate_ = 0;
    std::size_t offset_ = 0;
};

template <typename Metric>
void run_pairs(benchmark::State& state, const Pairs& pairs, Metric metric) {
    Comparisons comparisons(pairs.size());
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            metric(pairs[comparisons.row()].first, pairs[comparisons.candidate()].second));
        comparisons.next();
    }
    state.SetItemsProcessed(state.iterations());
}

// The same comparisons, each row's string as a cached pattern built before timing starts.
template <typename Cached>
void run_cached(benchmark::State& state, const Pairs& pairs) {
    std::vector<Cached> patterns;
    patterns.reserve(pairs.size());
    for (const auto& pair : pairs) {
        patterns.emplace_back(pair.first);
    }
    Comparisons comparisons(pairs.size());
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            patterns[comparisons.row()].similarity(pairs[comparisons.candidate()].second));
        comparisons.next();
    }
    state.SetItemsProcessed(state.iterations());
}

using Metric = double (*)(std::u32string_view, std::u32string_view);
using CachedRun = void (*)(benchmark::State&, const Pairs&);

struct Case {
    const char* name;
    const Pairs& pairs;
};

struct MetricUnderTest {
    const char* name;
    Metric oracle;
    Metric fast;
    CachedRun cached;
    std::initializer_list<Case> cases;
};

// Built once, on first use, then shared by every benchmark of the case.
const Pairs& names() {
    static const Pairs pairs = name_pairs();
    return pairs;
}
const Pairs& cjk_names() {
    static const Pairs pairs = cjk_name_pairs();
    return pairs;
}
const Pairs& streets() {
    static const Pairs pairs = street_pairs();
    return pairs;
}
const Pairs& long_strings() {
    static const Pairs pairs = long_pairs();
    return pairs;
}

void register_metric(const MetricUnderTest& metric) {
    for (const Case& input : metric.cases) {
        const std::string suffix = input.name;
        const Pairs* pairs = &input.pairs;
        const Metric oracle_metric = metric.oracle;
        const Metric fast_metric = metric.fast;
        const CachedRun cached_run = metric.cached;
        benchmark::RegisterBenchmark(
            ("BM_" + std::string(metric.name) + "Oracle" + suffix).c_str(),
            [=](benchmark::State& state) { run_pairs(state, *pairs, oracle_metric); });
        benchmark::RegisterBenchmark(("BM_" + std::string(metric.name) + "Fast" + suffix).c_str(),
                                     [=](benchmark::State& state) { run_pairs(state, *pairs, fast_metric); });
        benchmark::RegisterBenchmark(("BM_" + std::string(metric.name) + "Cached" + suffix).c_str(),
                                     [=](benchmark::State& state) { cached_run(state, *pairs); });
    }
}

// The casts pick the code point overloads over the UTF-8 ones.
bool register_all() {
    register_metric(
        {"JaroWinkler",
         static_cast<Metric>(oracle::jaro_winkler),
         static_cast<Metric>(core::jaro_winkler),
         run_cached<core::CachedJaroWinkler>,
         {{"Names", names()}, {"CjkNames", cjk_names()}, {"Streets", streets()}, {"Long", long_strings()}}});
    register_metric({"LevenshteinRatio",
                     static_cast<Metric>(oracle::levenshtein_ratio),
                     static_cast<Metric>(core::levenshtein_ratio),
                     run_cached<core::CachedLevenshtein>,
                     {{"Names", names()}, {"Streets", streets()}, {"Long", long_strings()}}});
    register_metric({"IndelRatio",
                     static_cast<Metric>(oracle::indel_ratio),
                     static_cast<Metric>(core::indel_ratio),
                     run_cached<core::CachedIndel>,
                     {{"Names", names()}, {"Streets", streets()}, {"Long", long_strings()}}});
    register_metric({"TokenSortRatio",
                     static_cast<Metric>(oracle::token_sort_ratio),
                     static_cast<Metric>(core::token_sort_ratio),
                     run_cached<core::CachedTokenSortRatio>,
                     {{"Streets", streets()}, {"Long", long_strings()}}});
    register_metric({"TokenSetRatio",
                     static_cast<Metric>(oracle::token_set_ratio),
                     static_cast<Metric>(core::token_set_ratio),
                     run_cached<core::CachedTokenSetRatio>,
                     {{"Streets", streets()}, {"Long", long_strings()}}});
    return true;
}

[[maybe_unused]] const bool registered = register_all();

void BM_DecodeUtf8Address(benchmark::State& state) {
    const std::string address = "Sint-Pietersplein 6, 9000 Gent — Bélgica";
    for (auto _ : state) {
        benchmark::DoNotOptimize(core::decode_utf8(address));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(address.size()));
}

}  // namespace

BENCHMARK(BM_DecodeUtf8Address);
