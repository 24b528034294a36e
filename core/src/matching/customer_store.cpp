#include "parity/core/matching/detail/customer_store.hpp"

#include <algorithm>
#include <stdexcept>

namespace parity::core::matching {
namespace {

constexpr std::size_t cache_line_bytes = 64;

}  // namespace

void CustomerStore::push_back(const NormalizedRecord& record) {
    if (entries_.frozen()) {
        throw std::logic_error("CustomerStore: push_back after freeze");
    }
    std::u32string& text = text_.building();
    Entry entry{text.size(), {}, 0};
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!record[i]) {
            continue;
        }
        if (record[i]->size() > UINT32_MAX) {
            throw std::length_error("CustomerStore: a field of more than 4 Gi code points");
        }
        entry.sizes[i] = static_cast<std::uint32_t>(record[i]->size());
        entry.present |= static_cast<std::uint8_t>(1U << i);
        text.append(*record[i]);
    }
    entries_.building().push_back(entry);
}

FieldViews CustomerStore::fields(std::size_t position) const {
    const Entry& entry = entries_.data()[position];
    FieldViews views;
    const char32_t* text = text_.data() + entry.offset;
    for (std::size_t i = 0; i < field_count; ++i) {
        if ((entry.present >> i) & 1U) {
            views[i] = std::u32string_view(text, entry.sizes[i]);
            text += entry.sizes[i];
        }
    }
    return views;
}

void CustomerStore::prefetch_fields(std::size_t position) const {
    const Entry& entry = entries_.data()[position];
    std::size_t size = 0;
    for (const std::uint32_t field_size : entry.sizes) {
        size += field_size;
    }
    // The first lines only: enough for the usual customer, and a huge field is no reason to
    // flood the cache.
    constexpr std::size_t max_lines = 8;
    const auto* bytes = reinterpret_cast<const char*>(text_.data() + entry.offset);
    const std::size_t lines =
        std::min(max_lines, (size * sizeof(char32_t) + cache_line_bytes - 1) / cache_line_bytes);
    for (std::size_t line = 0; line < lines; ++line) {
        __builtin_prefetch(bytes + line * cache_line_bytes);
    }
}

std::size_t CustomerStore::frozen_bytes() const {
    return entries_.frozen_bytes() + text_.frozen_bytes();
}

void CustomerStore::freeze(platform::HugePageArena& arena) {
    entries_.freeze(arena);
    text_.freeze(arena);
}

}  // namespace parity::core::matching
