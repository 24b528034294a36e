#include "parity/core/oracle/token_ratio.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "parity/core/oracle/indel.hpp"
#include "parity/core/text/utf8.hpp"
#include "parity/core/text/whitespace.hpp"

namespace parity::core::oracle {
namespace {

using Tokens = std::vector<std::u32string_view>;

// u32string_view compares code point by code point, shorter prefix first: Python's str order.
Tokens sorted_tokens(std::u32string_view text) {
    Tokens tokens = split_whitespace(text);
    std::sort(tokens.begin(), tokens.end());
    return tokens;
}

Tokens sorted_unique_tokens(std::u32string_view text) {
    Tokens tokens = sorted_tokens(text);
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    return tokens;
}

std::u32string join(const Tokens& first, const Tokens& second = {}) {
    std::u32string joined;
    for (const Tokens* tokens : {&first, &second}) {
        for (const std::u32string_view token : *tokens) {
            if (!joined.empty()) {
                joined += U' ';
            }
            joined += token;
        }
    }
    return joined;
}

}  // namespace

double token_sort_ratio(std::u32string_view a, std::u32string_view b) {
    return indel_ratio(join(sorted_tokens(a)), join(sorted_tokens(b)));
}

double token_set_ratio(std::u32string_view a, std::u32string_view b) {
    const Tokens tokens_a = sorted_unique_tokens(a);
    const Tokens tokens_b = sorted_unique_tokens(b);
    if (tokens_a.empty() && tokens_b.empty()) {
        return 1.0;
    }
    if (tokens_a.empty() || tokens_b.empty()) {
        return 0.0;
    }

    // Set operations on sorted ranges keep their outputs sorted.
    Tokens shared;
    Tokens only_a;
    Tokens only_b;
    std::set_intersection(tokens_a.begin(), tokens_a.end(), tokens_b.begin(), tokens_b.end(),
                          std::back_inserter(shared));
    std::set_difference(tokens_a.begin(), tokens_a.end(), tokens_b.begin(), tokens_b.end(),
                        std::back_inserter(only_a));
    std::set_difference(tokens_b.begin(), tokens_b.end(), tokens_a.begin(), tokens_a.end(),
                        std::back_inserter(only_b));

    const std::u32string shared_joined = join(shared);
    const std::u32string joined_a = join(shared, only_a);
    const std::u32string joined_b = join(shared, only_b);
    return std::max({indel_ratio(shared_joined, joined_a), indel_ratio(shared_joined, joined_b),
                     indel_ratio(joined_a, joined_b)});
}

double token_sort_ratio(std::string_view a, std::string_view b) {
    return token_sort_ratio(decode_utf8(a), decode_utf8(b));
}

double token_set_ratio(std::string_view a, std::string_view b) {
    return token_set_ratio(decode_utf8(a), decode_utf8(b));
}

}  // namespace parity::core::oracle
