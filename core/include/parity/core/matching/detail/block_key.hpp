#pragma once

// Blocking keys by parts (docs/matching.md section 3). The reference builds each key as a string
// ("names:ann|lee"); here a key is its kind plus views of the record's text, written out only into
// reused buffers, so that a row's dozen keys cost no allocation. The string a key stands for is
// still the contract: two keys are equal exactly when their strings are (BlockKey::text() spells
// it, for tests and messages).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/fields.hpp"

namespace parity::core::matching {

/// The six key kinds, in the order a record's keys are listed.
enum class KeyKind : std::uint8_t { email, phone, names, last_postcode, last_birth, first_birth };

inline constexpr std::size_t key_kind_count = 6;

/// How the reference's key strings start, per kind. No prefix starts another, so keys of two
/// kinds never share a string: a kind and the text after its prefix identify the key.
inline constexpr std::array<std::u32string_view, key_kind_count> key_kind_prefixes = {
    U"email:", U"phone:", U"names:", U"last_postcode:", U"last_birth:", U"first_birth:",
};

/// One key: `prefix(kind) + head`, or `prefix(kind) + head + "|" + tail` when there is a tail.
/// The views point into a record and into PrefixBuffers.
///
///     BlockKey{KeyKind::names, U"ann", U"lee"}.text() == U"names:ann|lee"
struct BlockKey {
    /// Separates a key's two parts in the reference's strings.
    static constexpr char32_t separator = U'|';

    KeyKind kind = KeyKind::email;
    std::u32string_view head;
    std::optional<std::u32string_view> tail;

    /// The key's text after its kind prefix: head, or head + "|" + tail.
    [[nodiscard]] std::size_t text_size() const {
        return tail ? head.size() + 1 + tail->size() : head.size();
    }
    /// Appends the key's compact form, which KeyTable stores and looks up: one code point for the
    /// kind (standing for its prefix), then the text. Two keys have the same compact form exactly
    /// when they have the same string.
    void append_compact(std::u32string& out) const {
        out.push_back(static_cast<char32_t>(kind));
        out.append(head);
        if (tail) {
            out.push_back(separator);
            out.append(*tail);
        }
    }
    /// The whole string the reference uses, such as "names:ann|lee".
    [[nodiscard]] std::u32string text() const;
};

/// Memory for name prefixes that are not a plain view of the name (one with a space in its first
/// code points: "de la cruz" -> "del"). Reused from row to row.
struct PrefixBuffers {
    std::u32string first;
    std::u32string last;
};

/// What a record's keys are made of; each part is present when its fields are.
struct KeyParts {
    std::optional<std::u32string_view> email;
    std::optional<std::u32string_view> phone_tail;  // the last phone_block_digits code points
    std::optional<std::u32string_view> first_prefix;
    std::optional<std::u32string_view> last_prefix;
    std::optional<std::u32string_view> postcode;
    std::optional<std::u32string_view> birth_date;

    /// The parts of the same record with first and last name exchanged.
    [[nodiscard]] KeyParts swapped() const {
        KeyParts result = *this;
        std::swap(result.first_prefix, result.last_prefix);
        return result;
    }
};

/// The first `length` code points of `name` with its spaces removed ("de la cruz" -> "del"): a
/// view of `name` when no space comes first, else of `buffer`, which is overwritten.
[[nodiscard]] std::u32string_view name_prefix(std::u32string_view name, std::size_t length,
                                              std::u32string& buffer);

/// A record's key parts. The views point into `record` and `buffers`: both must outlive them.
[[nodiscard]] KeyParts key_parts(const NormalizedRecord& record, const MatchConfig& config,
                                 PrefixBuffers& buffers);

/// Calls `emit(BlockKey)` for each key the parts give, in the order of docs/matching.md section 3:
/// email, phone, names, last_postcode, last_birth, first_birth.
template <typename Emit>
void for_each_key(const KeyParts& parts, Emit&& emit) {
    if (parts.email) {
        emit(BlockKey{KeyKind::email, *parts.email, std::nullopt});
    }
    if (parts.phone_tail) {
        emit(BlockKey{KeyKind::phone, *parts.phone_tail, std::nullopt});
    }
    const auto& first = parts.first_prefix;
    const auto& last = parts.last_prefix;
    if (first && last) {
        emit(BlockKey{KeyKind::names, *first, *last});
    }
    if (last && parts.postcode) {
        emit(BlockKey{KeyKind::last_postcode, *last, *parts.postcode});
    }
    if (last && parts.birth_date) {
        emit(BlockKey{KeyKind::last_birth, *last, *parts.birth_date});
    }
    if (first && parts.birth_date) {
        emit(BlockKey{KeyKind::first_birth, *first, *parts.birth_date});
    }
}

}  // namespace parity::core::matching
