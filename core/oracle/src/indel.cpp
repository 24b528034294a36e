#include "parity/core/oracle/indel.hpp"

#include <algorithm>
#include <vector>

#include "parity/core/text/utf8.hpp"

namespace parity::core::oracle {

std::size_t longest_common_subsequence(std::u32string_view a, std::u32string_view b) {
    // previous[j] is the LCS length of the first i-1 code points of a and the first j of b.
    std::vector<std::size_t> previous(b.size() + 1, 0);
    std::vector<std::size_t> current(b.size() + 1, 0);

    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::size_t indel_distance(std::u32string_view a, std::u32string_view b) {
    return a.size() + b.size() - 2 * longest_common_subsequence(a, b);
}

double indel_ratio(std::u32string_view a, std::u32string_view b) {
    const std::size_t total_length = a.size() + b.size();
    if (total_length == 0) {
        return 1.0;
    }
    const auto distance = static_cast<double>(indel_distance(a, b));
    return 1.0 - distance / static_cast<double>(total_length);
}

std::size_t indel_distance(std::string_view a, std::string_view b) {
    return indel_distance(decode_utf8(a), decode_utf8(b));
}

double indel_ratio(std::string_view a, std::string_view b) {
    return indel_ratio(decode_utf8(a), decode_utf8(b));
}

}  // namespace parity::core::oracle
