#include "parity/core/oracle/levenshtein.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "parity/core/text/utf8.hpp"

namespace parity::core::oracle {

std::size_t levenshtein(std::u32string_view a, std::u32string_view b) {
    // previous[j] is the distance between the first i-1 code points of a and the first j of b.
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});

    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

double levenshtein_ratio(std::u32string_view a, std::u32string_view b) {
    if (a.empty() && b.empty()) {
        return 1.0;
    }
    const auto distance = static_cast<double>(levenshtein(a, b));
    return 1.0 - distance / static_cast<double>(std::max(a.size(), b.size()));
}

std::size_t levenshtein(std::string_view a, std::string_view b) {
    return levenshtein(decode_utf8(a), decode_utf8(b));
}

double levenshtein_ratio(std::string_view a, std::string_view b) {
    return levenshtein_ratio(decode_utf8(a), decode_utf8(b));
}

}  // namespace parity::core::oracle
