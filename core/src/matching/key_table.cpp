#include "parity/core/matching/detail/key_table.hpp"

#include <cstring>
#include <stdexcept>

namespace parity::core::matching {
namespace {

// wyhash's construction: a 64 x 64 -> 128-bit multiply folded to 64 bits mixes two words (four
// code points) per step, and chains of multiplies are what limits a hash loop's speed. Each
// constant's 32-bit halves exceed U+10FFFF, so a word of code points xored with one is never 0
// (a zero factor would wipe the state).
constexpr std::uint64_t secret0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t secret1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t secret2 = 0x8ebc6af09c88c6e3ULL;
constexpr std::uint64_t secret3 = 0x589965cc75374cc3ULL;

__extension__ using uint128 = unsigned __int128;  // a GCC and Clang extension (-Wpedantic)

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    const uint128 product = static_cast<uint128>(a) * b;
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64U);
}

// Two code points as one word.
std::uint64_t pair_at(const char32_t* text) {
    std::uint64_t word = 0;
    std::memcpy(&word, text, sizeof word);
    return word;
}

}  // namespace

std::uint64_t hash_compact_key(std::u32string_view compact) {
    const char32_t* text = compact.data();
    const std::size_t size = compact.size();
    std::uint64_t state = secret0 ^ size;
    std::size_t i = 0;
    for (; i + 4 <= size; i += 4) {
        state = mix(pair_at(text + i) ^ secret1, pair_at(text + i + 2) ^ state);
    }
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (size - i >= 2) {
        a = pair_at(text + i);
        i += 2;
    }
    if (size - i == 1) {
        b = text[i];
    }
    return mix(secret1 ^ size, mix(a ^ secret2, b ^ state ^ secret3));
}

std::u32string compact_key(const BlockKey& key) {
    std::u32string compact;
    key.append_compact(compact);
    return compact;
}

std::size_t KeyTable::probe(std::u32string_view compact, std::uint64_t hash) const {
    const Slot* slots = slots_.data();
    const char32_t* keys = keys_.data();
    const std::size_t mask = slots_.size() - 1;
    const std::uint32_t tag = tag_of(hash);
    std::size_t index = slot_of(hash);
    while (slots[index].id != not_found) {
        const Slot& slot = slots[index];
        if (slot.tag == tag && slot.key_size == compact.size() &&
            std::memcmp(keys + slot.key_offset, compact.data(), compact.size() * sizeof(char32_t)) == 0) {
            return index;
        }
        index = (index + 1) & mask;
    }
    return index;
}

std::uint32_t KeyTable::insert(std::u32string_view compact) {
    if (slots_.frozen()) {
        throw std::logic_error("KeyTable: insert after freeze");
    }
    const std::uint64_t hash = hash_compact_key(compact);
    std::size_t index = probe(compact, hash);
    std::vector<Slot>& slots = slots_.building();
    if (slots[index].id != not_found) {
        return slots[index].id;
    }
    std::u32string& keys = keys_.building();
    if (keys.size() + compact.size() > UINT32_MAX) {
        throw std::length_error("KeyTable: more than 4 Gi code points of keys");
    }
    if (2 * (size_ + 1) > slots.size()) {  // at most half full: probes stay short
        grow();
        index = probe(compact, hash);
    }
    slots[index] = {tag_of(hash), static_cast<std::uint32_t>(size_), static_cast<std::uint32_t>(keys.size()),
                    static_cast<std::uint32_t>(compact.size())};
    keys.append(compact);
    hashes_.push_back(hash);
    return static_cast<std::uint32_t>(size_++);
}

void KeyTable::grow() {
    std::vector<Slot>& slots = slots_.building();
    std::vector<Slot> old = std::move(slots);
    slots.assign(2 * old.size(), Slot{});
    --shift_;
    const std::size_t mask = slots.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id == not_found) {
            continue;
        }
        std::size_t index = slot_of(hashes_[slot.id]);
        while (slots[index].id != not_found) {  // all keys differ: the first free slot is theirs
            index = (index + 1) & mask;
        }
        slots[index] = slot;
    }
}

std::size_t KeyTable::frozen_bytes() const {
    return slots_.frozen_bytes() + keys_.frozen_bytes();
}

void KeyTable::freeze(platform::HugePageArena& arena) {
    slots_.freeze(arena);
    keys_.freeze(arena);
    std::vector<std::uint64_t>().swap(hashes_);
}

}  // namespace parity::core::matching
