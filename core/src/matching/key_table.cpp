#include "parity/core/matching/key_table.hpp"

#include <span>
#include <stdexcept>

namespace parity::core::matching {
namespace {

// Per code point a multiply by an odd 64-bit constant (each step a bijection, so no two texts
// of equal length are merged early), then MurmurHash3's finalizer so that every input bit reaches
// both the top bits (slot index) and the bottom bits (tag).
constexpr std::uint64_t step_multiplier = 0x9e3779b97f4a7c15ULL;

constexpr std::uint64_t step(std::uint64_t hash, char32_t code_point) {
    return (hash ^ code_point) * step_multiplier;
}

constexpr std::uint64_t finalize(std::uint64_t hash) {
    hash ^= hash >> 33U;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33U;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    hash ^= hash >> 33U;
    return hash;
}

// The kind stands for its key prefix (no two kinds share a key string, block_key.hpp), stored as
// one code point before the text.
char32_t kind_code(KeyKind kind) {
    return static_cast<char32_t>(kind);
}

// hash_key of a key as KeyTable stores it: kind code, then text.
std::uint64_t hash_stored(std::span<const char32_t> stored) {
    std::uint64_t hash = 0;
    for (const char32_t c : stored) {
        hash = step(hash, c);
    }
    return finalize(hash);
}

}  // namespace

std::uint64_t hash_key(const BlockKey& key) {
    std::uint64_t hash = step(0, kind_code(key.kind));
    for (const char32_t c : key.head) {
        hash = step(hash, c);
    }
    if (key.tail) {
        hash = step(hash, BlockKey::separator);
        for (const char32_t c : *key.tail) {
            hash = step(hash, c);
        }
    }
    return finalize(hash);
}

bool KeyTable::equals(const Slot& slot, const BlockKey& key) const {
    const std::size_t size = key.text_size();
    const char32_t* stored = text_.data() + slot.text_offset;
    if (slot.text_size != size + 1 || stored[0] != kind_code(key.kind)) {
        return false;
    }
    // Compared as the joined strings are, so that a '|' inside a part cannot make two keys differ
    // (or agree) where the reference's strings would not.
    for (std::size_t i = 0; i < size; ++i) {
        if (stored[i + 1] != key.text_at(i)) {
            return false;
        }
    }
    return true;
}

std::size_t KeyTable::probe(const BlockKey& key, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    const std::uint32_t tag = tag_of(hash);
    std::size_t index = slot_of(hash);
    while (slots_[index].id != not_found) {
        if (slots_[index].tag == tag && equals(slots_[index], key)) {
            return index;
        }
        index = (index + 1) & mask;
    }
    return index;
}

std::uint32_t KeyTable::insert(const BlockKey& key) {
    const std::uint64_t hash = hash_key(key);
    std::size_t index = probe(key, hash);
    if (slots_[index].id != not_found) {
        return slots_[index].id;
    }
    const std::size_t stored_size = 1 + key.text_size();
    if (text_.size() + stored_size > UINT32_MAX) {
        throw std::length_error("KeyTable: more than 4 Gi code points of keys");
    }
    if (2 * (size_ + 1) > slots_.size()) {  // at most half full: probes stay short
        grow();
        index = probe(key, hash);
    }
    Slot& slot = slots_[index];
    slot = {tag_of(hash), static_cast<std::uint32_t>(size_++), static_cast<std::uint32_t>(text_.size()),
            static_cast<std::uint32_t>(stored_size)};
    text_.push_back(kind_code(key.kind));
    text_.append(key.head);
    if (key.tail) {
        text_.push_back(BlockKey::separator);
        text_.append(*key.tail);
    }
    return slot.id;
}

void KeyTable::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(2 * old.size(), Slot{});
    --shift_;
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id == not_found) {
            continue;
        }
        const std::uint64_t hash = hash_stored({text_.data() + slot.text_offset, slot.text_size});
        std::size_t index = slot_of(hash);
        while (slots_[index].id != not_found) {  // all keys differ: the first free slot is theirs
            index = (index + 1) & mask;
        }
        slots_[index] = slot;
    }
}

}  // namespace parity::core::matching
