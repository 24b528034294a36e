#include "parity/core/similarity/token_ratio.hpp"

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "parity/core/text/utf8.hpp"
#include "parity/core/text/whitespace.hpp"

namespace parity::core {
namespace {

using Tokens = std::vector<std::u32string_view>;

// Token lists and joined differences, reused per thread from call to call: a row scores its
// street and city against every candidate, and these were most of the matcher's allocations per
// batch once its normalized strings were reused. Neither buffer is in use across a call into
// another function here.
struct Scratch {
    Tokens tokens;
    std::u32string differences;
};

// Not inlined: a thread_local in a shared library is found through a call (__tls_get_addr).
[[gnu::noinline]] Scratch& scratch() {
    thread_local Scratch buffers;
    return buffers;
}

// Python's str.isspace(), with the ASCII range (most of every name and street) decided inline
// rather than by the range table: U+0009..U+000D and U+001C..U+0020 are the only spaces below
// U+0085, the first non-ASCII one.
bool is_separator(char32_t code_point) {
    constexpr char32_t first_non_ascii_space = 0x85;
    if (code_point < first_non_ascii_space) {
        return (code_point >= 0x09 && code_point <= 0x0d) || (code_point >= 0x1c && code_point <= 0x20);
    }
    return is_python_space(code_point);
}

// At most this many tokens in `length` code points: one code point each, one separator between.
std::size_t max_tokens(std::size_t length) {
    return (length + 1) / 2;
}

// str.split(): appends the tokens of `text` to `tokens`.
void append_tokens(std::u32string_view text, Tokens& tokens) {
    std::size_t position = 0;
    while (true) {
        while (position < text.size() && is_separator(text[position])) {
            ++position;
        }
        if (position == text.size()) {
            return;
        }
        const std::size_t start = position;
        while (position < text.size() && !is_separator(text[position])) {
            ++position;
        }
        tokens.push_back(text.substr(start, position - start));
    }
}

// Appends the tokens of `text`, sorted, and returns them: u32string_view compares code point by
// code point, shorter prefix first, which is Python's str order.
std::span<const std::u32string_view> append_sorted(std::u32string_view text, Tokens& tokens) {
    const std::size_t first = tokens.size();
    append_tokens(text, tokens);
    const auto begin = tokens.begin() + static_cast<std::ptrdiff_t>(first);
    std::sort(begin, tokens.end());
    return {tokens.data() + first, tokens.size() - first};
}

// The same without repeats (Python's set).
std::span<const std::u32string_view> append_sorted_unique(std::u32string_view text, Tokens& tokens) {
    const std::size_t first = tokens.size();
    append_sorted(text, tokens);
    tokens.erase(std::unique(tokens.begin() + static_cast<std::ptrdiff_t>(first), tokens.end()),
                 tokens.end());
    return {tokens.data() + first, tokens.size() - first};
}

// Appends `tokens` joined by single spaces; returns the joined length.
template <typename TokenList>
std::size_t append_joined(const TokenList& tokens, std::u32string& joined) {
    const std::size_t start = joined.size();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0) {
            joined += U' ';
        }
        joined += tokens[i];
    }
    return joined.size() - start;
}

// Joins tokens by single spaces into memory reserved beforehand.
class Joiner {
  public:
    explicit Joiner(char32_t* out) : out_(out) {}

    void append(std::u32string_view token) {
        if (length_ > 0) {
            out_[length_++] = U' ';
        }
        std::copy(token.begin(), token.end(), out_ + length_);
        length_ += token.size();
    }
    [[nodiscard]] std::u32string_view joined() const {
        return {out_, length_};
    }

  private:
    char32_t* out_;
    std::size_t length_ = 0;
};

template <typename TokenList>
std::size_t max_joined_length(const TokenList& tokens) {
    std::size_t length = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        length += tokens[i].size() + 1;
    }
    return length;
}

// indel_ratio's formula, operation for operation, from a distance known without computing it.
double ratio_from_distance(std::size_t distance, std::size_t total_length) {
    if (total_length == 0) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(distance) / static_cast<double>(total_length);
}

// token_set_ratio of two sorted, duplicate-free token lists (anything with size() and operator[]
// giving a u32string_view), without joining sect, ja and jb. With S, DA, DB the lengths of sect
// and of the joined A - B and B - A:
//  - sect is a prefix of ja (ja = sect + " " + (A - B), or sect alone): their LCS is sect, so
//    indel(sect, ja) = len(ja) - S;
//  - ja and jb share the prefix sect + " ", which an LCS contains whole: indel(ja, jb) is the
//    Indel distance of the joined differences alone;
//  - when S > 0 and DA or DB is 0, ja or jb equals sect: a ratio of exactly 1.0, the maximum.
template <typename TokensA, typename TokensB>
double token_set_ratio_of_sets(const TokensA& a, const TokensB& b) {
    if (a.size() == 0 && b.size() == 0) {
        return 1.0;
    }
    if (a.size() == 0 || b.size() == 0) {
        return 0.0;
    }

    // One walk of both sorted lists: shared tokens are only measured, A - B is joined at the
    // front of `differences` and B - A after the room A could need.
    const std::size_t room_a = max_joined_length(a);
    std::u32string& differences = scratch().differences;
    differences.assign(room_a + max_joined_length(b), U'\0');
    Joiner only_a(differences.data());
    Joiner only_b(differences.data() + room_a);
    std::size_t shared_count = 0;
    std::size_t shared_length = 0;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        const int order = i == a.size() ? 1 : j == b.size() ? -1 : a[i].compare(b[j]);
        if (order < 0) {
            only_a.append(a[i++]);
        } else if (order > 0) {
            only_b.append(b[j++]);
        } else {
            ++shared_count;
            shared_length += a[i].size();
            ++i;
            ++j;
        }
    }

    const std::size_t sect_length = shared_count == 0 ? 0 : shared_length + (shared_count - 1);
    const std::size_t only_a_length = only_a.joined().size();
    const std::size_t only_b_length = only_b.joined().size();
    if (sect_length > 0 && (only_a_length == 0 || only_b_length == 0)) {
        return 1.0;
    }

    const std::size_t separator = sect_length > 0 ? 1 : 0;
    const std::size_t ja_length = sect_length + separator + only_a_length;
    const std::size_t jb_length = sect_length + separator + only_b_length;
    const double sect_ja = ratio_from_distance(ja_length - sect_length, sect_length + ja_length);
    const double sect_jb = ratio_from_distance(jb_length - sect_length, sect_length + jb_length);
    const double ja_jb =
        ratio_from_distance(indel_distance(only_a.joined(), only_b.joined()), ja_length + jb_length);
    return std::max({sect_ja, sect_jb, ja_jb});
}

// Tokens kept as (offset, length) spans of one string.
template <typename Spans>
class SpanTokens {
  public:
    SpanTokens(std::u32string_view text, const Spans& spans) : text_(text), spans_(spans) {}
    [[nodiscard]] std::size_t size() const {
        return spans_.size();
    }
    [[nodiscard]] std::u32string_view operator[](std::size_t i) const {
        return text_.substr(spans_[i].offset, spans_[i].length);
    }

  private:
    std::u32string_view text_;
    const Spans& spans_;
};

std::u32string sorted_and_joined(std::u32string_view text) {
    Tokens tokens;
    tokens.reserve(max_tokens(text.size()));
    std::u32string joined;
    joined.reserve(text.size());
    append_joined(append_sorted(text, tokens), joined);
    return joined;
}

}  // namespace

double token_sort_ratio(std::u32string_view a, std::u32string_view b) {
    // One allocation for both token lists, one for both joined strings (never longer than a, b).
    // Each list is joined before the next is appended, so no span outlives a reallocation.
    Tokens tokens;
    tokens.reserve(max_tokens(a.size()) + max_tokens(b.size()));
    std::u32string joined;
    joined.reserve(a.size() + b.size());
    const std::size_t a_length = append_joined(append_sorted(a, tokens), joined);
    append_joined(append_sorted(b, tokens), joined);

    const std::u32string_view both = joined;
    return indel_ratio(both.substr(0, a_length), both.substr(a_length));
}

double token_set_ratio(std::u32string_view a, std::u32string_view b) {
    // Both sets in one allocation, reserved up front so that tokens_a stays valid while b's
    // tokens are appended.
    Tokens& tokens = scratch().tokens;
    tokens.clear();
    tokens.reserve(max_tokens(a.size()) + max_tokens(b.size()));
    const auto tokens_a = append_sorted_unique(a, tokens);
    const auto tokens_b = append_sorted_unique(b, tokens);
    return token_set_ratio_of_sets(tokens_a, tokens_b);
}

double token_sort_ratio(std::string_view a, std::string_view b) {
    return token_sort_ratio(decode_utf8(a), decode_utf8(b));
}

double token_set_ratio(std::string_view a, std::string_view b) {
    return token_set_ratio(decode_utf8(a), decode_utf8(b));
}

CachedTokenSortRatio::CachedTokenSortRatio(std::u32string_view s1) : sorted_s1_(sorted_and_joined(s1)) {}

double CachedTokenSortRatio::similarity(std::u32string_view s2) const {
    return sorted_s1_.similarity(sorted_and_joined(s2));
}

CachedTokenSetRatio::CachedTokenSetRatio(std::u32string_view s1) {
    Tokens tokens;
    tokens.reserve(max_tokens(s1.size()));
    const auto unique_tokens = append_sorted_unique(s1, tokens);
    tokens_.reserve(unique_tokens.size());
    tokens_text_.reserve(s1.size());
    for (const std::u32string_view token : unique_tokens) {
        tokens_.push_back({tokens_text_.size(), token.size()});
        tokens_text_ += token;
    }
}

double CachedTokenSetRatio::similarity(std::u32string_view s2) const {
    Tokens& tokens = scratch().tokens;
    tokens.clear();
    tokens.reserve(max_tokens(s2.size()));
    const auto tokens_b = append_sorted_unique(s2, tokens);
    return token_set_ratio_of_sets(SpanTokens(tokens_text_, tokens_), tokens_b);
}

}  // namespace parity::core
