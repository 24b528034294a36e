#include "parity/core/matching/blocking.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace parity::core::matching {
namespace {

/// The first code points of a normalized name with its spaces removed ("de la cruz" -> "del").
std::optional<std::u32string> prefix(const std::optional<std::u32string>& name, std::size_t length) {
    if (!name) {
        return std::nullopt;
    }
    std::u32string result;
    for (const char32_t c : *name) {
        if (result.size() == length) {
            break;
        }
        if (c != U' ') {
            result.push_back(c);
        }
    }
    return result;
}

std::u32string join(std::u32string_view kind, std::u32string_view first, std::u32string_view second) {
    std::u32string key;
    key.reserve(kind.size() + first.size() + 1 + second.size());
    key.append(kind).append(first).append(1, U'|').append(second);
    return key;
}

}  // namespace

std::vector<std::u32string> customer_keys(const NormalizedRecord& record, const MatchConfig& config) {
    std::vector<std::u32string> keys;
    if (const auto& email = get(record, Field::email)) {
        keys.push_back(U"email:" + *email);
    }
    if (const auto& phone = get(record, Field::phone)) {
        const std::size_t digits = std::min(config.phone_block_digits, phone->size());
        keys.push_back(U"phone:" + phone->substr(phone->size() - digits));
    }
    const auto first = prefix(get(record, Field::first_name), config.name_prefix_length);
    const auto last = prefix(get(record, Field::last_name), config.name_prefix_length);
    const auto& postcode = get(record, Field::postcode);
    const auto& birth_date = get(record, Field::birth_date);
    if (first && last) {
        keys.push_back(join(U"names:", *first, *last));
    }
    if (last && postcode) {
        keys.push_back(join(U"last_postcode:", *last, *postcode));
    }
    if (last && birth_date) {
        keys.push_back(join(U"last_birth:", *last, *birth_date));
    }
    if (first && birth_date) {
        keys.push_back(join(U"first_birth:", *first, *birth_date));
    }
    return keys;
}

std::vector<std::u32string> row_keys(const NormalizedRecord& record, const MatchConfig& config) {
    std::vector<std::u32string> keys = customer_keys(record, config);
    NormalizedRecord swapped = record;
    std::swap(swapped[index_of(Field::first_name)], swapped[index_of(Field::last_name)]);
    for (auto& key : customer_keys(swapped, config)) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            keys.push_back(std::move(key));
        }
    }
    return keys;
}

BlockingIndex::BlockingIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config)
    : config_(config) {
    for (std::size_t position = 0; position < customers.size(); ++position) {
        for (auto& key : customer_keys(customers[position], config)) {
            blocks_[std::move(key)].push_back(static_cast<std::uint32_t>(position));
        }
    }
}

Candidates BlockingIndex::candidates(const std::vector<std::u32string>& keys, VisitedSet& visited) const {
    visited.clear();
    Candidates result;
    for (const auto& key : keys) {
        const auto block = blocks_.find(key);
        if (block == blocks_.end()) {
            continue;
        }
        if (block->second.size() > config_.max_block_size) {
            result.capped = true;
            continue;
        }
        for (const std::uint32_t position : block->second) {
            if (!visited.insert(position)) {
                continue;
            }
            if (result.positions.size() == config_.max_candidates) {
                result.capped = true;
                return result;
            }
            result.positions.push_back(position);
        }
    }
    return result;
}

}  // namespace parity::core::matching
