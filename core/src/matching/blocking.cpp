#include "parity/core/matching/detail/blocking.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <numeric>
#include <utility>

namespace parity::core::matching {

BlockingIndex::BlockingIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config)
    : config_(config) {
    // (key id, position) pairs in position order, then grouped by key with a stable counting sort:
    // each block comes out in ascending position, as the reference appends them.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> entries;
    entries.reserve(customers.size() * key_kind_count);
    PrefixBuffers buffers;
    std::u32string compact;
    for (std::size_t position = 0; position < customers.size(); ++position) {
        for_each_key(key_parts(customers[position], config, buffers), [&](const BlockKey& key) {
            compact.clear();
            key.append_compact(compact);
            entries.emplace_back(keys_.insert(compact), static_cast<std::uint32_t>(position));
        });
    }
    std::vector<std::uint32_t>& starts = block_starts_.building();
    starts.assign(keys_.size() + 1, 0);
    for (const auto& entry : entries) {
        ++starts[entry.first + 1];
    }
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
    std::vector<std::uint32_t>& positions = positions_.building();
    positions.resize(entries.size());
    for (const auto& [key_id, position] : entries) {
        positions[next[key_id]++] = position;
    }
}

std::size_t BlockingIndex::frozen_bytes() const {
    return keys_.frozen_bytes() + block_starts_.frozen_bytes() + positions_.frozen_bytes();
}

void BlockingIndex::freeze(platform::HugePageArena& arena) {
    keys_.freeze(arena);
    block_starts_.freeze(arena);
    positions_.freeze(arena);
}

std::span<const std::uint32_t> BlockingIndex::block(const BlockKey& key) const {
    const std::uint32_t id = keys_.find(compact_key(key));
    return id == KeyTable::not_found ? std::span<const std::uint32_t>() : block(id);
}

void BlockingIndex::candidates(const NormalizedRecord& row, BlockingScratch& scratch, Candidates& out) const {
    look_up(row, scratch.prefixes, scratch.lookup);
    prefetch_keys(scratch.lookup);
    find_blocks(scratch.lookup);
    prefetch_blocks(scratch.lookup);
    collect(scratch.lookup, scratch.visited, out);
}

void BlockingIndex::look_up(const NormalizedRecord& row, PrefixBuffers& prefixes, RowLookup& lookup) const {
    std::u32string& keys = lookup.keys;
    keys.clear();
    lookup.count = 0;
    const auto add = [&](const BlockKey& key) {
        const std::size_t offset = keys.size();
        key.append_compact(keys);
        lookup.items[lookup.count++] = {offset, keys.size() - offset, 0, KeyTable::not_found};
    };
    const KeyParts parts = key_parts(row, config_, prefixes);
    for_each_key(parts, add);
    if (parts.first_prefix != parts.last_prefix) {  // else exchanging the names gives the same keys
        KeyParts swapped = parts.swapped();
        swapped.email.reset();  // keys without a name are listed already
        swapped.phone_tail.reset();
        for_each_key(swapped, add);
    }
    // The views into `prefixes` are not kept: the keys are copies.
    const std::u32string_view all_keys = keys;
    for (std::size_t k = 0; k < lookup.count; ++k) {
        RowLookup::Key& key = lookup.items[k];
        key.hash = hash_compact_key(all_keys.substr(key.offset, key.size));
        keys_.prefetch(key.hash);
    }
}

void BlockingIndex::prefetch_keys(const RowLookup& lookup) const {
    for (std::size_t k = 0; k < lookup.count; ++k) {
        keys_.prefetch_key(lookup.items[k].hash);
    }
}

void BlockingIndex::find_blocks(RowLookup& lookup) const {
    const std::u32string_view all_keys = lookup.keys;
    for (std::size_t k = 0; k < lookup.count; ++k) {
        RowLookup::Key& key = lookup.items[k];
        key.id = keys_.find(all_keys.substr(key.offset, key.size), key.hash);
        if (key.id != KeyTable::not_found) {
            __builtin_prefetch(block_starts_.data() + key.id);
        }
    }
}

void BlockingIndex::prefetch_blocks(const RowLookup& lookup) const {
    for (std::size_t k = 0; k < lookup.count; ++k) {
        if (lookup.items[k].id != KeyTable::not_found) {
            __builtin_prefetch(positions_.data() + block_starts_.data()[lookup.items[k].id]);
        }
    }
}

void BlockingIndex::collect(const RowLookup& lookup, VisitedSet& visited, Candidates& out) const {
    out.positions.clear();
    out.capped = false;
    visited.clear();
    const auto& items = lookup.items;
    for (std::size_t k = 0; k < lookup.count; ++k) {
        const std::uint32_t id = items[k].id;
        // A key listed twice is the same block: its second visit could add nothing.
        if (id == KeyTable::not_found ||
            std::any_of(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k),
                        [id](const RowLookup::Key& earlier) { return earlier.id == id; })) {
            continue;
        }
        const std::span<const std::uint32_t> positions = block(id);
        if (positions.size() > config_.max_block_size) {
            out.capped = true;
            continue;
        }
        for (const std::uint32_t position : positions) {
            if (!visited.insert(position, out.positions)) {
                continue;
            }
            if (out.positions.size() == config_.max_candidates) {
                out.capped = true;
                return;
            }
            out.positions.push_back(position);
        }
    }
}

}  // namespace parity::core::matching
