#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace parity::stats {

/// A latency histogram with HdrHistogram's log-linear layout (Tene): values up to 2 * 10^d fall in
/// buckets of width 1 ns; above, each power-of-two range is split into 2^k equal sub-buckets
/// (2^k >= 10^d), so a bucket is never wider than 10^-d of the values in it. With the default
/// 3 significant digits over [1 ns, 1 h] that is <= 0.1 % relative error in ~270 KiB of counts.
///
/// Values are whole nanoseconds >= 0; values above the highest trackable value are recorded as
/// that value and counted in clamped_count(). Histograms with the same layout merge exactly (shards
/// of one run, or several runs), and serialise sparsely (non-empty buckets only).
///
///     LogLinearHistogram histogram;            // 3 significant digits, [1 ns, 1 h]
///     histogram.record(1'234'567);             // 1.234567 ms
///     histogram.value_at_percentile(99.0);     // within 0.1 % of the exact nearest-rank p99
class LogLinearHistogram {
  public:
    static constexpr int default_significant_digits = 3;
    static constexpr int max_significant_digits = 5;
    static constexpr std::int64_t nanoseconds_per_hour = 3'600'000'000'000;

    /// One non-empty bucket: every value in [lowest, highest] is recorded as equivalent.
    struct Bucket {
        std::int64_t lowest = 0;
        std::int64_t highest = 0;
        std::uint64_t count = 0;

        friend bool operator==(const Bucket&, const Bucket&) = default;
    };

    /// Throws std::invalid_argument unless 1 <= significant_digits <= 5 and the highest trackable
    /// value is at least twice the widest exact range (2 * 2^k).
    explicit LogLinearHistogram(int significant_digits = default_significant_digits,
                                std::int64_t highest_trackable_ns = nanoseconds_per_hour);

    /// Records `count` occurrences of `value_ns`. Throws std::invalid_argument for a negative value.
    void record(std::int64_t value_ns, std::uint64_t count = 1);

    /// Adds every count of `other`. Throws std::invalid_argument unless both have the same layout
    /// (significant digits and highest trackable value): buckets would not line up otherwise.
    void merge(const LogLinearHistogram& other);

    [[nodiscard]] int significant_digits() const noexcept {
        return significant_digits_;
    }
    [[nodiscard]] std::int64_t highest_trackable() const noexcept {
        return highest_trackable_;
    }
    [[nodiscard]] bool same_layout(const LogLinearHistogram& other) const noexcept;

    /// Number of recorded values, and how many of them were above highest_trackable().
    [[nodiscard]] std::uint64_t count() const noexcept {
        return total_count_;
    }
    [[nodiscard]] std::uint64_t clamped_count() const noexcept {
        return clamped_count_;
    }
    [[nodiscard]] bool empty() const noexcept {
        return total_count_ == 0;
    }

    /// The exact smallest and largest values recorded (before clamping). Throw std::out_of_range
    /// when empty, as do mean() and value_at_percentile().
    [[nodiscard]] std::int64_t min() const;
    [[nodiscard]] std::int64_t max() const;

    /// The mean of the buckets' midpoints weighted by their counts (HdrHistogram's convention):
    /// within the histogram's precision of the exact mean, and independent of recording order.
    [[nodiscard]] double mean() const;

    /// The nearest-rank percentile, p in [0, 100]: with rank = max(1, ceil(p / 100 * count)),
    /// the highest value equivalent to the rank-th smallest recorded value (HdrHistogram's
    /// convention: never below the exact value, at most one bucket width above it), clamped to
    /// [min(), max()]; rank 1 gives min() itself. So p0 == min() and p100 == max() exactly.
    /// Throws std::invalid_argument for p outside [0, 100].
    [[nodiscard]] std::int64_t value_at_percentile(double p) const;

    /// The bucket layout as functions: a value's bucket is [lowest_equivalent, highest_equivalent].
    [[nodiscard]] std::int64_t lowest_equivalent(std::int64_t value_ns) const;
    [[nodiscard]] std::int64_t highest_equivalent(std::int64_t value_ns) const;

    /// The non-empty buckets in ascending order, e.g. to draw a CDF.
    [[nodiscard]] std::vector<Bucket> buckets() const;

    /// {"significant_digits", "highest_trackable_ns", "count", "clamped_count", "min_ns", "max_ns",
    ///  "buckets": [[lowest_ns, count], ...]} with only the non-empty buckets, ascending.
    /// from_json(h.to_json()) == h; from_json throws std::invalid_argument for malformed input.
    [[nodiscard]] nlohmann::json to_json() const;
    [[nodiscard]] static LogLinearHistogram from_json(const nlohmann::json& json);

    friend bool operator==(const LogLinearHistogram&, const LogLinearHistogram&) = default;

  private:
    [[nodiscard]] std::size_t index_of(std::int64_t value) const;
    [[nodiscard]] std::int64_t lowest_value_at(std::size_t index) const;
    [[nodiscard]] std::int64_t bucket_width_at(std::size_t index) const;

    int significant_digits_;
    std::int64_t highest_trackable_;
    int sub_bucket_half_count_magnitude_;  // log2 of half the sub-buckets per power of two
    std::int64_t sub_bucket_count_;        // 2^k, k = ceil(log2(2 * 10^digits))
    std::vector<std::uint64_t> counts_;
    std::uint64_t total_count_ = 0;
    std::uint64_t clamped_count_ = 0;
    std::int64_t min_ = 0;
    std::int64_t max_ = 0;
};

}  // namespace parity::stats
