#include "parity/core/matching/matcher.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

#include "matching/record.hpp"
#include "parity/platform/cpu_budget.hpp"

namespace parity::core::matching {
namespace {

/// Rows per chunk at least: handing rows to another core costs a few microseconds (the rows and
/// results move between caches), as much as matching a few rows.
constexpr std::size_t min_rows_per_chunk = 3;
/// Chunks per thread at most: small chunks even out rows of unequal cost (one row may score 200
/// candidates, the next none), claimed by whichever thread is free.
constexpr std::size_t chunks_per_thread = 4;
/// A batch of fewer rows stays on the calling thread. A worker that has gone to sleep (the pool's
/// spin_time is long past when batches come a few milliseconds apart, between other work) takes a
/// futex wake and a cold core to join: tens of microseconds, more than it saves on a batch of a
/// few dozen rows (measured with bench/bench_native.py --order interleaved).
constexpr std::size_t min_rows_to_share = 32;

std::size_t chunk_count(std::size_t count, unsigned threads) {
    if (count < min_rows_to_share) {
        return 1;
    }
    return std::max<std::size_t>(
        1, std::min(std::size_t{threads} * chunks_per_thread, count / min_rows_per_chunk));
}

/// Rows ahead of the one being normalized whose result strings are prefetched (prefetch_for_writing).
constexpr std::size_t result_prefetch_distance = 2;

/// Starts loading, to be written, the normalized strings of `result`: memory kept from the last
/// batch, which whatever ran in between has evicted. Normalizing a row writes eight of them, each
/// a cache miss of its own, that would otherwise stall the copy one after the other.
void prefetch_for_writing(const MatchResult& result) {
    for (const std::optional<std::u32string>& field : result.normalized) {
        if (field) {
            __builtin_prefetch(field->data(), 1);
        }
    }
}

/// A result as MatchResult{} but for its normalized strings, whose memory is kept for the next row.
void reset_keeping_strings(MatchResult& result) {
    result.status = Status::new_record;
    result.customer_id.reset();
    result.score.reset();
    result.field_scores = {};
    result.candidates = 0;
    result.capped = false;
}

unsigned resolve_threads(unsigned threads) {
    return threads != 0 ? threads : platform::usable_cpus();
}

template <typename Row>
std::vector<NormalizedRecord> normalize_all(const std::vector<Row>& records, ChunkPool& pool) {
    std::vector<NormalizedRecord> normalized(records.size());
    pool.run(
        records.size(), chunk_count(records.size(), pool.threads()), [&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) {
                try {
                    normalized[i] = normalize_record(records[i]);
                } catch (const FieldError& error) {
                    throw RecordError(i, error.field(), error.what());  // chunks stop at their first error
                }
            }
        });
    return normalized;
}

}  // namespace

std::vector<NormalizedRecord> normalize_records(const std::vector<RawRecord>& records, unsigned threads) {
    ChunkPool pool(std::max(1U, threads));
    return normalize_all(records, pool);
}

std::vector<NormalizedRecord> normalize_records(const std::vector<RawRecordView>& records, unsigned threads) {
    ChunkPool pool(std::max(1U, threads));
    return normalize_all(records, pool);
}

Matcher::Matcher(const std::vector<std::int64_t>& ids, const std::vector<RawRecord>& customers,
                 MatchConfig config, unsigned threads)
    : config_(config), threads_(resolve_threads(threads)), pool_(std::make_unique<ChunkPool>(threads_)) {
    if (ids.size() != customers.size()) {
        throw std::invalid_argument("Matcher: one id per customer is required");
    }
    index_customers(ids, normalize_all(customers, *pool_));
}

Matcher::Matcher(const std::vector<std::int64_t>& ids, std::vector<NormalizedRecord>&& normalized,
                 MatchConfig config, unsigned threads, FromNormalized)
    : config_(config), threads_(resolve_threads(threads)), pool_(std::make_unique<ChunkPool>(threads_)) {
    if (ids.size() != normalized.size()) {
        throw std::invalid_argument("Matcher: one id per customer is required");
    }
    index_customers(ids, std::move(normalized));
}

void Matcher::index_customers(const std::vector<std::int64_t>& ids,
                              std::vector<NormalizedRecord> normalized) {
    std::vector<std::size_t> order(ids.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    std::vector<std::int64_t>& sorted_ids = ids_.building();
    sorted_ids.reserve(ids.size());
    std::vector<NormalizedRecord> sorted;
    sorted.reserve(ids.size());
    customers_.reserve(ids.size());
    for (const std::size_t i : order) {
        if (!sorted_ids.empty() && sorted_ids.back() == ids[i]) {
            throw std::invalid_argument("Matcher: duplicate customer id " + std::to_string(ids[i]));
        }
        sorted_ids.push_back(ids[i]);
        customers_.push_back(normalized[i]);
        sorted.push_back(std::move(normalized[i]));
    }
    std::vector<NormalizedRecord>().swap(normalized);
    std::vector<std::size_t>().swap(order);
    index_.emplace(sorted, config_);
    std::vector<NormalizedRecord>().swap(sorted);  // the store and the index hold their own copies
    // What every batch reads, scattered, into one block the kernel may back with huge pages.
    arena_ =
        platform::HugePageArena(ids_.frozen_bytes() + customers_.frozen_bytes() + index_->frozen_bytes());
    ids_.freeze(arena_);
    customers_.freeze(arena_);
    index_->freeze(arena_);
}

Matcher::RowWorkspace& Matcher::thread_workspace() const {
    // Kept from call to call on each thread: its buffers have grown to size, and its visited set
    // (4 bytes per customer: 800 kB for 200,000) is cleared per row in O(1).
    thread_local RowWorkspace workspace;
    if (workspace.visited.size() != customers_.size()) {
        workspace.visited = VisitedSet(customers_.size());
    }
    return workspace;
}

std::size_t Matcher::chunks_for(std::size_t count) const {
    return chunk_count(count, threads_);
}

void Matcher::prepare(std::size_t rows) const {
    if (chunks_for(rows) > 1) {
        pool_->wake();
    }
}

template <typename PrepareRow>
void Matcher::match_all(std::vector<MatchResult>& results, const PrepareRow& prepare_row) const {
    const std::size_t count = results.size();
    pool_->run(count, chunks_for(count), [&](std::size_t begin, std::size_t end) {
        RowWorkspace& workspace = thread_workspace();
        for (std::size_t group = begin; group < end; group += rows_per_group) {
            const std::size_t group_end = std::min(end, group + rows_per_group);
            for (std::size_t i = group; i < group_end; ++i) {
                prepare_row(i);
            }
            match_group(std::span(results).subspan(group, group_end - group), workspace);
        }
    });
}

std::vector<MatchResult> Matcher::match(const std::vector<RawRecord>& rows) const {
    std::vector<MatchResult> results;
    match(rows, results);
    return results;
}

void Matcher::match(const std::vector<RawRecord>& rows, std::vector<MatchResult>& results) const {
    match_rows(rows, results);
}

void Matcher::match(const std::vector<RawRecordView>& rows, std::vector<MatchResult>& results) const {
    match_rows(rows, results);
}

template <typename Row>
void Matcher::match_rows(const std::vector<Row>& rows, std::vector<MatchResult>& results) const {
    // A chunk stops at its first rejected row and the pool reports the lowest chunk's error, so
    // the first rejected row of the batch is the one reported.
    // The results' strings (a caller's vector from the last batch) are reused, not reallocated.
    results.resize(rows.size());
    match_all(results, [&](std::size_t i) {
        if (i + result_prefetch_distance < results.size()) {
            prefetch_for_writing(results[i + result_prefetch_distance]);
        }
        reset_keeping_strings(results[i]);
        try {
            normalize_record_into(rows[i], results[i].normalized);
        } catch (const FieldError& error) {
            throw RecordError(i, error.field(), error.what());
        }
    });
}

std::vector<MatchResult> Matcher::match_normalized(std::vector<NormalizedRecord> rows) const {
    std::vector<MatchResult> results(rows.size());
    match_all(results, [&](std::size_t i) { results[i].normalized = std::move(rows[i]); });
    return results;
}

void Matcher::match_group(std::span<MatchResult> group, RowWorkspace& workspace) const {
    // Each step for every row of the group before the next step (see RowLookup): the loads one
    // step prefetches have arrived by the time the next step reads them.
    const std::size_t count = group.size();
    auto& lookups = workspace.lookups;
    auto& candidates = workspace.candidates;
    for (std::size_t r = 0; r < count; ++r) {
        index_->look_up(group[r].normalized, workspace.prefixes, lookups[r]);
    }
    for (std::size_t r = 0; r < count; ++r) {
        index_->prefetch_keys(lookups[r]);
    }
    for (std::size_t r = 0; r < count; ++r) {
        index_->find_blocks(lookups[r]);
    }
    for (std::size_t r = 0; r < count; ++r) {
        index_->prefetch_blocks(lookups[r]);
    }
    // The first candidates' records too: a row has one or two, scattered over the store.
    constexpr std::size_t prefetched_candidates = 2;
    for (std::size_t r = 0; r < count; ++r) {
        index_->collect(lookups[r], workspace.visited, candidates[r]);
        const std::vector<std::uint32_t>& positions = candidates[r].positions;
        for (std::size_t k = 0; k < std::min(prefetched_candidates, positions.size()); ++k) {
            prefetch_customer(positions[k]);
        }
    }
    for (std::size_t r = 0; r < count; ++r) {
        const std::vector<std::uint32_t>& positions = candidates[r].positions;
        for (std::size_t k = 0; k < std::min(prefetched_candidates, positions.size()); ++k) {
            customers_.prefetch_fields(positions[k]);
        }
    }
    for (std::size_t r = 0; r < count; ++r) {
        score_candidates(group[r], candidates[r]);
    }
}

void Matcher::prefetch_customer(std::uint32_t position) const {
    customers_.prefetch_entry(position);
    __builtin_prefetch(ids_.data() + position);
}

void Matcher::score_candidates(MatchResult& result, const Candidates& candidates) const {
    result.candidates = candidates.positions.size();
    result.capped = candidates.capped;
    if (candidates.positions.empty()) {
        return;
    }
    RowScorer scorer(views_of(result.normalized), config_);
    const std::vector<std::uint32_t>& positions = candidates.positions;
    std::optional<CandidateScore> best;
    for (std::size_t k = 0; k < positions.size(); ++k) {
        // Candidates are scattered over the store: start loading the next ones' data now.
        if (k + 2 < positions.size()) {
            prefetch_customer(positions[k + 2]);
        }
        if (k + 1 < positions.size()) {
            customers_.prefetch_fields(positions[k + 1]);
        }
        CandidateScore scored = scorer.score(customers_.fields(positions[k]), ids_.data()[positions[k]]);
        if (!best || ranks_above(scored, *best)) {
            best = scored;
        }
    }
    result.status = status_of(*best);
    result.score = best->score;
    result.field_scores = best->field_scores;
    if (result.status != Status::new_record) {
        result.customer_id = best->customer_id;
    }
}

Status Matcher::status_of(const CandidateScore& best) const {
    if (best.score >= config_.match_threshold && best.compared_weight >= config_.min_match_weight) {
        return Status::matched;
    }
    if (best.score >= config_.possible_threshold) {
        return Status::possible;
    }
    return Status::new_record;
}

}  // namespace parity::core::matching
