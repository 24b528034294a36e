#include "parity/core/oracle/jaro.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "parity/core/text/utf8.hpp"

namespace parity::core::oracle {
namespace {

constexpr double winkler_threshold = 0.7;
constexpr double winkler_prefix_weight = 0.1;
constexpr std::size_t winkler_max_prefix = 4;

std::size_t common_prefix_length(std::u32string_view a, std::u32string_view b, std::size_t limit) {
    std::size_t length = 0;
    while (length < limit && a[length] == b[length]) {
        ++length;
    }
    return length;
}

}  // namespace

double jaro(std::u32string_view a, std::u32string_view b) {
    const std::size_t la = a.size();
    const std::size_t lb = b.size();
    if (la == 0 && lb == 0) {
        return 1.0;
    }
    if (la == 0 || lb == 0) {
        return 0.0;
    }

    // max(0, max(la, lb) / 2 - 1) without unsigned wrap-around.
    const std::size_t half = std::max(la, lb) / 2;
    const std::size_t window = half > 0 ? half - 1 : 0;

    // Each a[i] takes the first still-unmatched equal b[j] inside its window.
    std::vector<bool> a_matched(la, false);
    std::vector<bool> b_matched(lb, false);
    std::size_t matches = 0;
    for (std::size_t i = 0; i < la; ++i) {
        const std::size_t first = i > window ? i - window : 0;
        const std::size_t last = std::min(lb - 1, i + window);
        for (std::size_t j = first; j <= last; ++j) {
            if (!b_matched[j] && b[j] == a[i]) {
                a_matched[i] = true;
                b_matched[j] = true;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0) {
        return 0.0;
    }

    // Walk the matched code points of a and of b in order; half the mismatches are transpositions.
    std::size_t mismatches = 0;
    std::size_t j = 0;
    for (std::size_t i = 0; i < la; ++i) {
        if (!a_matched[i]) {
            continue;
        }
        while (!b_matched[j]) {
            ++j;
        }
        if (a[i] != b[j]) {
            ++mismatches;
        }
        ++j;
    }
    const std::size_t transpositions = mismatches / 2;

    const auto m = static_cast<double>(matches);
    return ((m / static_cast<double>(la) + m / static_cast<double>(lb)) +
            static_cast<double>(matches - transpositions) / m) /
           3.0;
}

double jaro_winkler(std::u32string_view a, std::u32string_view b) {
    const double similarity = jaro(a, b);
    if (similarity <= winkler_threshold) {
        return similarity;
    }
    const std::size_t limit = std::min({winkler_max_prefix, a.size(), b.size()});
    const auto prefix = static_cast<double>(common_prefix_length(a, b, limit));
    return similarity + (prefix * winkler_prefix_weight) * (1.0 - similarity);
}

double jaro(std::string_view a, std::string_view b) {
    return jaro(decode_utf8(a), decode_utf8(b));
}

double jaro_winkler(std::string_view a, std::string_view b) {
    return jaro_winkler(decode_utf8(a), decode_utf8(b));
}

}  // namespace parity::core::oracle
