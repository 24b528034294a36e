#include "parity/core/matching/customer_store.hpp"

#include <algorithm>
#include <stdexcept>

namespace parity::core::matching {
namespace {

constexpr std::size_t cache_line_bytes = 64;

}  // namespace

void CustomerStore::push_back(const NormalizedRecord& record) {
    if (frozen_) {
        throw std::logic_error("CustomerStore: push_back after freeze");
    }
    Entry entry{text_.size(), {}, 0};
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!record[i]) {
            continue;
        }
        if (record[i]->size() > UINT32_MAX) {
            throw std::length_error("CustomerStore: a field of more than 4 Gi code points");
        }
        entry.sizes[i] = static_cast<std::uint32_t>(record[i]->size());
        entry.present |= static_cast<std::uint8_t>(1U << i);
        text_.append(*record[i]);
    }
    entries_.push_back(entry);
}

FieldViews CustomerStore::fields(std::size_t position) const {
    const Entry& entry = entries()[position];
    FieldViews views;
    const char32_t* text = this->text() + entry.offset;
    for (std::size_t i = 0; i < field_count; ++i) {
        if ((entry.present >> i) & 1U) {
            views[i] = std::u32string_view(text, entry.sizes[i]);
            text += entry.sizes[i];
        }
    }
    return views;
}

void CustomerStore::prefetch_fields(std::size_t position) const {
    const Entry& entry = entries()[position];
    std::size_t size = 0;
    for (const std::uint32_t field_size : entry.sizes) {
        size += field_size;
    }
    // The first lines only: enough for the usual customer, and a huge field is no reason to
    // flood the cache.
    constexpr std::size_t max_lines = 8;
    const auto* bytes = reinterpret_cast<const char*>(text() + entry.offset);
    const std::size_t lines =
        std::min(max_lines, (size * sizeof(char32_t) + cache_line_bytes - 1) / cache_line_bytes);
    for (std::size_t line = 0; line < lines; ++line) {
        __builtin_prefetch(bytes + line * cache_line_bytes);
    }
}

std::size_t CustomerStore::frozen_bytes() const {
    return HugePageArena::array_bytes(entries_.size() * sizeof(Entry)) +
           HugePageArena::array_bytes(text_.size() * sizeof(char32_t));
}

void CustomerStore::freeze(HugePageArena& arena) {
    if (frozen_) {
        return;
    }
    frozen_entries_ = arena.copy(std::span<const Entry>(entries_));
    frozen_text_ = arena.copy(std::span<const char32_t>(text_.data(), text_.size())).data();
    frozen_ = true;
    std::vector<Entry>().swap(entries_);
    std::u32string().swap(text_);
}

}  // namespace parity::core::matching
