#include "parity/core/matching/detail/block_key.hpp"

#include <algorithm>

namespace parity::core::matching {

std::u32string BlockKey::text() const {
    std::u32string result(key_kind_prefixes[static_cast<std::size_t>(kind)]);
    result += head;
    if (tail) {
        result += separator;
        result += *tail;
    }
    return result;
}

std::u32string_view name_prefix(std::u32string_view name, std::size_t length, std::u32string& buffer) {
    const std::u32string_view start = name.substr(0, length);
    if (start.find(U' ') == std::u32string_view::npos) {
        return start;  // the usual case: nothing to remove, nothing to copy
    }
    buffer.clear();
    for (const char32_t c : name) {
        if (buffer.size() == length) {
            break;
        }
        if (c != U' ') {
            buffer.push_back(c);
        }
    }
    return buffer;
}

KeyParts key_parts(const NormalizedRecord& record, const MatchConfig& config, PrefixBuffers& buffers) {
    KeyParts parts;
    if (const auto& email = get(record, Field::email)) {
        parts.email = *email;
    }
    if (const auto& phone = get(record, Field::phone)) {
        const std::size_t digits = std::min(config.phone_block_digits, phone->size());
        parts.phone_tail = std::u32string_view(*phone).substr(phone->size() - digits);
    }
    if (const auto& first = get(record, Field::first_name)) {
        parts.first_prefix = name_prefix(*first, config.name_prefix_length, buffers.first);
    }
    if (const auto& last = get(record, Field::last_name)) {
        parts.last_prefix = name_prefix(*last, config.name_prefix_length, buffers.last);
    }
    if (const auto& postcode = get(record, Field::postcode)) {
        parts.postcode = *postcode;
    }
    if (const auto& birth_date = get(record, Field::birth_date)) {
        parts.birth_date = *birth_date;
    }
    return parts;
}

}  // namespace parity::core::matching
