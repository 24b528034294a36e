#include "string_ids.hpp"

#include <cstring>
#include <stdexcept>

namespace parity::bindings::scoring {
namespace {

constexpr std::size_t initial_slots = 64;
constexpr unsigned slot_shift = 32;
constexpr std::uint8_t long_text = UINT8_MAX;

}  // namespace

StringIds::StringIds() : slots_(initial_slots) {}

StringIds::~StringIds() {
    for (PyObject* text : strings_) {
        Py_DECREF(text);
    }
}

StringIds::Key StringIds::key(PyObject* text) const {
    const std::uint64_t hash = hash_of(StrBytes(text));
    __builtin_prefetch(&slots_[(hash >> slot_shift) & (slots_.size() - 1)]);
    return Key{text, hash};
}

std::uint32_t StringIds::id(const Key& key) {
    PyObject* text = key.text;
    if (text == last_) {
        return last_id_;
    }
    const StrBytes bytes(text);
    const std::uint64_t full_hash = key.hash;
    const auto hash = static_cast<std::uint32_t>(full_hash);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (full_hash >> slot_shift) & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.id == empty) {
            if (strings_.size() >= empty) {
                throw std::length_error("scoring: more distinct strings than ids");
            }
            slot.hash = hash;
            slot.id = static_cast<std::uint32_t>(strings_.size());
            slot.kind = static_cast<std::uint8_t>(bytes.kind);
            const auto* data = static_cast<const unsigned char*>(bytes.data);
            if (bytes.size <= inline_bytes) {
                slot.size = static_cast<std::uint8_t>(bytes.size);
                std::memcpy(slot.bytes.data(), data, bytes.size);
            } else {
                slot.size = long_text;  // never the size of a str compared inline
            }
            stored_.push_back(Stored{bytes_.size(), bytes.size, bytes.kind, full_hash});
            bytes_.insert(bytes_.end(), data, data + bytes.size);
            Py_INCREF(text);
            strings_.push_back(text);
            const std::uint32_t id = slot.id;
            if (strings_.size() * 2 > slots_.size()) {
                grow();
            }
            last_ = text;
            last_id_ = id;
            return id;
        }
        if (slot.hash == hash && holds(slot, bytes)) {
            // last_ stays: making it this id's str would read strings_ at a random place (a cache miss
            // per look-up), and `text` itself may die before the next look-up.
            return slot.id;
        }
    }
}

bool StringIds::holds(const Slot& slot, const StrBytes& text) const {
    if (text.size <= inline_bytes) {
        return slot.kind == text.kind && slot.size == text.size &&
               same_bytes(slot.bytes.data(), text.data, text.size);
    }
    const Stored& stored = stored_[slot.id];
    return stored.kind == text.kind && stored.size == text.size &&
           same_bytes(bytes_.data() + stored.offset, text.data, text.size);
}

void StringIds::grow() {
    std::vector<Slot> larger(slots_.size() * 2);
    const std::size_t mask = larger.size() - 1;
    for (const Slot& slot : slots_) {
        if (slot.id == empty) {
            continue;
        }
        // The slot index came from the high half of the hash, which the slot does not keep: its string's.
        std::size_t i = (stored_[slot.id].hash >> slot_shift) & mask;
        while (larger[i].id != empty) {
            i = (i + 1) & mask;
        }
        larger[i] = slot;
    }
    slots_.swap(larger);
}

}  // namespace parity::bindings::scoring
