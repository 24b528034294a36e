#include "string_ids.hpp"

#include <stdexcept>

namespace parity::bindings::scoring {
namespace {

constexpr std::size_t initial_slots = 64;

}  // namespace

StringIds::StringIds() : slots_(initial_slots) {}

StringIds::~StringIds() {
    for (PyObject* text : strings_) {
        Py_DECREF(text);
    }
}

std::uint32_t StringIds::id(PyObject* text) {
    if (text == last_) {
        return last_id_;
    }
    const StrBytes bytes(text);
    const std::uint64_t hash = hash_of(bytes);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.id == empty) {
            if (strings_.size() >= empty) {
                throw std::length_error("scoring: more distinct strings than ids");
            }
            slot.hash = hash;
            slot.id = static_cast<std::uint32_t>(strings_.size());
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
        if (slot.hash == hash && StrBytes(strings_[slot.id]) == bytes) {
            last_ = strings_[slot.id];
            last_id_ = slot.id;
            return slot.id;
        }
    }
}

void StringIds::grow() {
    std::vector<Slot> larger(slots_.size() * 2);
    const std::size_t mask = larger.size() - 1;
    for (const Slot& slot : slots_) {
        if (slot.id == empty) {
            continue;
        }
        std::size_t i = slot.hash & mask;
        while (larger[i].id != empty) {
            i = (i + 1) & mask;
        }
        larger[i] = slot;
    }
    slots_.swap(larger);
}

}  // namespace parity::bindings::scoring
