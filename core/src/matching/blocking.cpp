#include "parity/core/matching/blocking.hpp"

#include <array>
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
    block_starts_.assign(keys_.size() + 1, 0);
    for (const auto& entry : entries) {
        ++block_starts_[entry.first + 1];
    }
    std::partial_sum(block_starts_.begin(), block_starts_.end(), block_starts_.begin());
    std::vector<std::uint32_t> next(block_starts_.begin(), block_starts_.end() - 1);
    positions_.resize(entries.size());
    for (const auto& [key_id, position] : entries) {
        positions_[next[key_id]++] = position;
    }
}

std::span<const std::uint32_t> BlockingIndex::block(const BlockKey& key) const {
    const std::uint32_t id = keys_.find(compact_key(key));
    return id == KeyTable::not_found ? std::span<const std::uint32_t>() : block(id);
}

void BlockingIndex::candidates(const NormalizedRecord& row, BlockingScratch& scratch, Candidates& out) const {
    out.positions.clear();
    out.capped = false;
    scratch.visited.clear();

    // The row's keys, written back to back: at most 12 (its own six and six with the names
    // exchanged), with no allocation once the buffer has grown.
    struct Lookup {
        std::size_t offset;
        std::size_t size;
        std::uint64_t hash;
    };
    std::array<Lookup, 2 * key_kind_count> lookups;
    std::size_t lookup_count = 0;
    std::u32string& keys = scratch.keys;
    keys.clear();
    const auto add = [&](const BlockKey& key) {
        const std::size_t offset = keys.size();
        key.append_compact(keys);
        lookups[lookup_count++] = {offset, keys.size() - offset, 0};
    };
    const KeyParts parts = key_parts(row, config_, scratch.prefixes);
    for_each_key(parts, add);
    if (parts.first_prefix != parts.last_prefix) {  // else exchanging the names gives the same keys
        KeyParts swapped = parts.swapped();
        swapped.email.reset();  // keys without a name are listed already
        swapped.phone_tail.reset();
        for_each_key(swapped, add);
    }

    // Every key is looked up before any block is read: the lookups do not depend on each other,
    // so their cache misses (the table is larger than the caches) overlap instead of queueing.
    const std::u32string_view all_keys = keys;
    for (std::size_t k = 0; k < lookup_count; ++k) {
        lookups[k].hash = hash_compact_key(all_keys.substr(lookups[k].offset, lookups[k].size));
        keys_.prefetch(lookups[k].hash);
    }
    std::array<std::uint32_t, 2 * key_kind_count> ids;
    for (std::size_t k = 0; k < lookup_count; ++k) {
        ids[k] = keys_.find(all_keys.substr(lookups[k].offset, lookups[k].size), lookups[k].hash);
    }

    for (std::size_t k = 0; k < lookup_count; ++k) {
        const std::uint32_t id = ids[k];
        // A key listed twice is the same block: its second visit could add nothing.
        if (id == KeyTable::not_found || std::find(ids.begin(), ids.begin() + k, id) != ids.begin() + k) {
            continue;
        }
        const std::span<const std::uint32_t> positions = block(id);
        if (positions.size() > config_.max_block_size) {
            out.capped = true;
            continue;
        }
        for (const std::uint32_t position : positions) {
            if (!scratch.visited.insert(position)) {
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
