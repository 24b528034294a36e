#include "helpers/random_strings.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace parity::test {
namespace {

// Python whitespace of several kinds, and code points next to them that are not whitespace.
constexpr std::u32string_view separators = U" \t\n\u00a0\u2003\u3000\u0085\u001c";
constexpr std::u32string_view near_separators = U"\u200b\u0084\u001b\u180e";

struct Range {
    char32_t first;
    char32_t last;  // inclusive
};

char32_t draw(std::mt19937& random, Range range) {
    return std::uniform_int_distribution<char32_t>(range.first, range.last)(random);
}

char32_t draw(std::mt19937& random, std::u32string_view pool) {
    return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)];
}

bool chance(std::mt19937& random, int percent) {
    return std::uniform_int_distribution<int>(0, 99)(random) < percent;
}

char32_t any_code_point(std::mt19937& random) {
    constexpr Range below_surrogates{0x0000, 0xd7ff};
    constexpr Range above_surrogates{0xe000, 0x10ffff};
    return chance(random, 10) ? draw(random, below_surrogates) : draw(random, above_surrogates);
}

char32_t draw(std::mt19937& random, Alphabet alphabet) {
    switch (alphabet) {
        case Alphabet::binary:
            return draw(random, U"ab");
        case Alphabet::small_words:
            return draw(random, U"abc ");
        case Alphabet::ascii:
            return draw(random, Range{0x20, 0x7e});
        case Alphabet::latin1:
            return chance(random, 30) ? draw(random, Range{U'a', U'z'}) : draw(random, Range{0xa0, 0xff});
        case Alphabet::cjk:
            return chance(random, 5) ? U'\u3000' : draw(random, Range{0x4e00, 0x4e2f});
        case Alphabet::emoji:
            return chance(random, 10) ? draw(random, U"a\U00020000\U0010ffff")
                                      : draw(random, Range{0x1f600, 0x1f60f});
        case Alphabet::unicode:
            return any_code_point(random);
        case Alphabet::mixed:
            break;
    }
    constexpr std::array<Alphabet, 7> parts{Alphabet::binary, Alphabet::small_words, Alphabet::ascii,
                                            Alphabet::latin1, Alphabet::cjk,         Alphabet::emoji,
                                            Alphabet::unicode};
    if (chance(random, 8)) {
        return chance(random, 75) ? draw(random, separators) : draw(random, near_separators);
    }
    return draw(random, parts[std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(random)]);
}

std::size_t random_length(std::mt19937& random) {
    const int bucket = std::uniform_int_distribution<int>(0, 9)(random);
    const std::size_t longest = bucket < 5 ? 20 : bucket < 8 ? 70 : 200;
    return std::uniform_int_distribution<std::size_t>(0, longest)(random);
}

}  // namespace

std::u32string random_string(std::mt19937& random, Alphabet alphabet, std::size_t length) {
    std::u32string text(length, U' ');
    for (char32_t& code_point : text) {
        code_point = draw(random, alphabet);
    }
    return text;
}

std::u32string mutate(std::mt19937& random, Alphabet alphabet, std::u32string_view text) {
    std::u32string copy(text);
    const std::size_t edits = std::uniform_int_distribution<std::size_t>(1, 1 + copy.size() / 8)(random);
    for (std::size_t edit = 0; edit < edits; ++edit) {
        const int kind = std::uniform_int_distribution<int>(0, 4)(random);
        if (copy.empty() || kind == 0) {  // insertion
            const std::size_t at = std::uniform_int_distribution<std::size_t>(0, copy.size())(random);
            copy.insert(copy.begin() + static_cast<std::ptrdiff_t>(at), draw(random, alphabet));
            continue;
        }
        const std::size_t at = std::uniform_int_distribution<std::size_t>(0, copy.size() - 1)(random);
        if (kind == 1) {
            copy[at] = draw(random, alphabet);
        } else if (kind == 2) {
            copy.erase(at, 1);
        } else if (kind == 3 && at + 1 < copy.size()) {
            std::swap(copy[at], copy[at + 1]);
        } else {  // move a chunk elsewhere
            const std::size_t length =
                std::uniform_int_distribution<std::size_t>(1, copy.size() - at)(random);
            const std::u32string chunk = copy.substr(at, length);
            copy.erase(at, length);
            const std::size_t to = std::uniform_int_distribution<std::size_t>(0, copy.size())(random);
            copy.insert(to, chunk);
        }
    }
    return copy;
}

std::vector<StringPair> random_string_pairs(std::uint32_t seed) {
    constexpr std::size_t random_pairs_per_alphabet = 140;
    std::mt19937 random(seed);
    std::vector<StringPair> pairs;
    for (const Alphabet alphabet : all_alphabets) {
        for (const std::size_t length : boundary_lengths) {
            // One draw per statement: the order of evaluation of arguments is unspecified.
            std::u32string a = random_string(random, alphabet, length);
            std::u32string same_length = random_string(random, alphabet, length);
            pairs.push_back({a, std::move(same_length)});
            std::u32string other_length = random_string(random, alphabet, random_length(random));
            pairs.push_back({a, std::move(other_length)});
            std::u32string near_copy = mutate(random, alphabet, a);
            pairs.push_back({std::move(a), std::move(near_copy)});
        }
        for (std::size_t i = 0; i < random_pairs_per_alphabet; ++i) {
            std::u32string a = random_string(random, alphabet, random_length(random));
            std::u32string b = chance(random, 50) ? mutate(random, alphabet, a)
                                                  : random_string(random, alphabet, random_length(random));
            if (chance(random, 50)) {
                std::swap(a, b);
            }
            pairs.push_back({std::move(a), std::move(b)});
        }
    }
    return pairs;
}

std::vector<std::u32string> all_strings(std::u32string_view alphabet, std::size_t max_length) {
    std::vector<std::u32string> strings{U""};
    std::size_t previous_begin = 0;
    for (std::size_t length = 1; length <= max_length; ++length) {
        const std::size_t previous_end = strings.size();
        for (std::size_t i = previous_begin; i < previous_end; ++i) {
            for (const char32_t code_point : alphabet) {
                strings.push_back(strings[i] + code_point);
            }
        }
        previous_begin = previous_end;
    }
    return strings;
}

}  // namespace parity::test
