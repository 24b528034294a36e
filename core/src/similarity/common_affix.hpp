#pragma once

// Stripping the common prefix and suffix of two strings: neither changes their edit distances
// (Levenshtein, Indel), and an LCS contains both whole, so the bit-parallel kernels only see the
// differing middles.

#include <cstddef>
#include <string_view>

namespace parity::core::detail {

/// Removes the common prefix, then the common suffix of what is left, from both views; returns
/// the number of code points removed from each.
inline std::size_t remove_common_affix(std::u32string_view& a, std::u32string_view& b) noexcept {
    std::size_t prefix = 0;
    const std::size_t shorter = a.size() < b.size() ? a.size() : b.size();
    while (prefix < shorter && a[prefix] == b[prefix]) {
        ++prefix;
    }
    a.remove_prefix(prefix);
    b.remove_prefix(prefix);

    std::size_t suffix = 0;
    const std::size_t remaining = shorter - prefix;
    while (suffix < remaining && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    a.remove_suffix(suffix);
    b.remove_suffix(suffix);
    return prefix + suffix;
}

}  // namespace parity::core::detail
