#pragma once

// Checking a fast metric against its oracle bit for bit, thousands of pairs per test: silent
// while they agree, and on a mismatch a report naming the metric, both inputs as code points (so
// invisible and look-alike characters show) and both values to 17 significant digits.

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "helpers/random_strings.hpp"
#include "helpers/shared_data.hpp"
#include "parity/core/text/utf8.hpp"

namespace parity::test {

/// `U+0061 U+1F600 ...` (at most `limit` code points, then the count of the rest), in brackets.
inline std::string code_points(std::u32string_view text, std::size_t limit = 256) {
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%sU+%04X", i > 0 ? " " : "", static_cast<unsigned>(text[i]));
        out << buffer;
    }
    if (text.size() > limit) {
        out << " ... " << text.size() - limit << " more";
    }
    out << "] (" << text.size() << " code points)";
    return out.str();
}

/// 17 significant digits: enough to tell any two doubles apart.
inline std::string digits17(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

inline std::string digits17(std::size_t value) {
    return std::to_string(value);
}

/// Records a failure (and goes on) unless `actual == expected` exactly; doubles compared with ==.
/// Returns whether they were equal, so loops can stop after the first few failures.
template <typename T>
bool check_exact(std::string_view metric, std::u32string_view a, std::u32string_view b, T expected,
                 T actual) {
    static_assert(std::is_same_v<T, double> || std::is_same_v<T, std::size_t>);
    if (actual == expected) {
        return true;
    }
    FAIL_CHECK(metric << " differs from its oracle\n  a = " << code_points(a) << "\n  b = " << code_points(b)
                      << "\n  expected (oracle) " << digits17(expected) << "\n  actual (fast)   "
                      << digits17(actual));
    return false;
}

/// A fast entry point to check, by name.
template <typename T>
struct FastMetric {
    std::string_view name;
    T (*metric)(std::u32string_view, std::u32string_view);
};

/// Checks `fast.metric(a, b) == oracle(a, b)` for every fast metric and pair, both ways round
/// (the oracle runs once per pair and order: it is the slow part). Stops after a few mismatches:
/// one is enough to debug, hundreds only bury it.
template <typename T>
void check_against_oracle(const std::vector<StringPair>& pairs,
                          T (*oracle)(std::u32string_view, std::u32string_view),
                          std::initializer_list<FastMetric<T>> fast_metrics) {
    constexpr std::size_t max_reported = 5;
    std::size_t mismatches = 0;
    for (const auto& [a, b] : pairs) {
        for (const bool swapped : {false, true}) {
            const std::u32string_view s1 = swapped ? b : a;
            const std::u32string_view s2 = swapped ? a : b;
            const T expected = oracle(s1, s2);
            for (const FastMetric<T>& fast : fast_metrics) {
                if (!check_exact(fast.name, s1, s2, expected, fast.metric(s1, s2)) &&
                    ++mismatches == max_reported) {
                    FAIL(max_reported << " mismatches, not checking the other pairs");
                }
            }
        }
    }
    CHECK(mismatches == 0);
}

/// Every `stride`-th pair: a sample across all alphabets, for the slower checks.
inline std::vector<StringPair> every_nth(const std::vector<StringPair>& pairs, std::size_t stride) {
    std::vector<StringPair> sample;
    for (std::size_t i = 0; i < pairs.size(); i += stride) {
        sample.push_back(pairs[i]);
    }
    return sample;
}

/// The inputs of the public vectors (string-metric-vectors/ jaro, jaro_winkler, levenshtein),
/// decoded: every metric is checked on them, whatever metric their expected values are for.
inline std::vector<StringPair> shared_vector_pairs() {
    std::vector<StringPair> pairs;
    for (const char* file_name : {"jaro_distance.csv", "jaro_winkler.csv", "levenshtein.csv"}) {
        for (const MetricVector& vector : load_metric_vectors(file_name)) {
            pairs.push_back({core::decode_utf8(vector.a), core::decode_utf8(vector.b)});
        }
    }
    return pairs;
}

/// Every pair of strings over "abc" up to 4 code points (121 strings, 14641 pairs): all the
/// small cases, window edges and ties included.
inline std::vector<StringPair> exhaustive_small_pairs() {
    const std::vector<std::u32string> strings = all_strings(U"abc", 4);
    std::vector<StringPair> pairs;
    pairs.reserve(strings.size() * strings.size());
    for (const std::u32string& a : strings) {
        for (const std::u32string& b : strings) {
            pairs.push_back({a, b});
        }
    }
    return pairs;
}

}  // namespace parity::test
