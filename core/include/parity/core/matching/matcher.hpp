#pragma once

// The row-matching hot path (docs/matching.md): a customer base indexed once, then batches of rows
// matched against it, with results in row order. A batch of a few dozen rows or more is matched in
// parallel over rows (on threads kept between batches: see ChunkPool); a smaller one on the
// calling thread, in groups of rows whose index lookups overlap (see RowLookup).
//
//     Matcher matcher({7}, {customer}, MatchConfig{});
//     std::vector<MatchResult> results = matcher.match({row});

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "parity/core/matching/config.hpp"
#include "parity/core/matching/detail/arena_array.hpp"
#include "parity/core/matching/detail/blocking.hpp"
#include "parity/core/matching/detail/chunk_pool.hpp"
#include "parity/core/matching/detail/customer_store.hpp"
#include "parity/core/matching/detail/scoring.hpp"
#include "parity/core/matching/fields.hpp"
#include "parity/platform/huge_page_arena.hpp"

namespace parity::core::matching {

enum class Status { matched, possible, new_record };

/// One row's result (docs/matching.md section 6).
struct MatchResult {
    Status status = Status::new_record;
    /// The best candidate's id when the status is matched or possible.
    std::optional<std::int64_t> customer_id;
    /// The best candidate's score when there was any candidate.
    std::optional<double> score;
    FieldScores field_scores;
    NormalizedRecord normalized;
    std::size_t candidates = 0;
    bool capped = false;
};

/// A record the reference rejects: which one (index in the given list) and which field.
class RecordError : public std::invalid_argument {
  public:
    RecordError(std::size_t index, Field field, const std::string& reason)
        : std::invalid_argument(reason), index_(index), field_(field) {}

    [[nodiscard]] std::size_t index() const {
        return index_;
    }
    [[nodiscard]] Field field() const {
        return field_;
    }

  private:
    std::size_t index_;
    Field field_;
};

/// Normalizes records in parallel; throws RecordError for the first (lowest index) rejected one.
[[nodiscard]] std::vector<NormalizedRecord> normalize_records(const std::vector<RawRecord>& records,
                                                              unsigned threads);
[[nodiscard]] std::vector<NormalizedRecord> normalize_records(const std::vector<RawRecordView>& records,
                                                              unsigned threads);

class Matcher {
  public:
    /// `ids[i]` belongs to `customers[i]`; ids must be unique (std::invalid_argument otherwise).
    /// Throws RecordError for the first customer whose fields the reference rejects.
    /// `threads` 0 means one per CPU the process may keep busy (platform::usable_cpus()).
    Matcher(const std::vector<std::int64_t>& ids, const std::vector<RawRecord>& customers, MatchConfig config,
            unsigned threads = 0);

    /// Says the customers are normalized already (normalize_records), below.
    struct FromNormalized {};
    static constexpr FromNormalized from_normalized{};
    /// The same from customers normalized by the caller, which it hands over: a caller reading the
    /// customer base in chunks normalizes each chunk as it comes and never holds all raw records.
    Matcher(const std::vector<std::int64_t>& ids, std::vector<NormalizedRecord>&& normalized,
            MatchConfig config, unsigned threads, FromNormalized);

    /// One result per row, in row order. Throws RecordError for the first rejected row (nothing
    /// is returned then). Safe to call from several threads at once.
    [[nodiscard]] std::vector<MatchResult> match(const std::vector<RawRecord>& rows) const;

    /// The same into `results` (resized to one per row): a caller matching batch after batch keeps
    /// the vector's memory, and its results' normalized strings, instead of allocating them each
    /// time. On RecordError `results` holds partial results.
    void match(const std::vector<RawRecord>& rows, std::vector<MatchResult>& results) const;
    /// The same for rows whose fields are views into a buffer the caller owns (and keeps alive
    /// until this returns): no string per input field.
    void match(const std::vector<RawRecordView>& rows, std::vector<MatchResult>& results) const;

    /// Announces a batch of `rows` rows before the caller builds it: if the batch will be split
    /// over threads, the sleeping ones are woken now, so that their wake-up (tens of microseconds)
    /// overlaps the caller's work instead of delaying the match.
    void prepare(std::size_t rows) const;

    /// Matches already-normalized rows.
    [[nodiscard]] std::vector<MatchResult> match_normalized(std::vector<NormalizedRecord> rows) const;

    [[nodiscard]] std::size_t size() const {
        return ids_.size();
    }
    [[nodiscard]] const MatchConfig& config() const {
        return config_;
    }
    [[nodiscard]] unsigned threads() const {
        return threads_;
    }

  private:
    /// Orders the customers by id, then builds the store and the index (each freed as soon as what
    /// it feeds is built, so the peak is lower than all of them at once).
    void index_customers(const std::vector<std::int64_t>& ids, std::vector<NormalizedRecord> normalized);

    /// Rows taken through blocking together (see RowLookup): enough for their cache misses to
    /// overlap, few enough that their lookups stay in cache. 16 issued more prefetches at once than
    /// a core keeps in flight (the prefetch instructions stalled); 8 and 4 were faster, 1 (no
    /// grouping) no faster than 16 (bench/ab_native.py; the runs are in bench/LOG.md).
    static constexpr std::size_t rows_per_group = 8;

    /// Memory one thread reuses from group to group.
    struct RowWorkspace {
        /// Must hold every customer position.
        VisitedSet visited;
        PrefixBuffers prefixes;
        std::array<RowLookup, rows_per_group> lookups;
        std::array<Candidates, rows_per_group> candidates;
    };

    /// The calling thread's workspace, sized for this customer base.
    [[nodiscard]] RowWorkspace& thread_workspace() const;
    /// For every i in [0, count), spread over the pool: `prepare_row(i)` fills results[i].normalized
    /// in, then the row is matched. A group's rows are prepared before it is matched.
    template <typename PrepareRow>
    void match_all(std::vector<MatchResult>& results, const PrepareRow& prepare_row) const;
    /// match() for either form of raw row.
    template <typename Row>
    void match_rows(const std::vector<Row>& rows, std::vector<MatchResult>& results) const;
    /// How many chunks a batch of `count` rows is split into (1: it stays on the caller's thread).
    [[nodiscard]] std::size_t chunks_for(std::size_t count) const;
    /// Fills in `group` (at most rows_per_group results) for the rows `result.normalized`.
    void match_group(std::span<MatchResult> group, RowWorkspace& workspace) const;
    /// Starts loading what scoring customer `position` reads first: its store entry (which
    /// locates its fields) and its id.
    void prefetch_customer(std::uint32_t position) const;
    /// Fills in `result`'s best candidate among `candidates`.
    void score_candidates(MatchResult& result, const Candidates& candidates) const;
    [[nodiscard]] Status status_of(const CandidateScore& best) const;

    MatchConfig config_;
    unsigned threads_;
    std::unique_ptr<ChunkPool> pool_;  // behind a pointer: the Matcher stays movable
    // Holds the arrays of ids_, customers_ and index_: declared first, freed last.
    platform::HugePageArena arena_;
    ArenaArray<std::vector<std::int64_t>> ids_;  // ascending
    CustomerStore customers_;                    // in ids_ order
    std::optional<BlockingIndex> index_;
};

}  // namespace parity::core::matching
