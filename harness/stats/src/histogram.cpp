#include "parity/stats/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace parity::stats {
namespace {

constexpr std::int64_t lowest_highest_trackable = 2;
constexpr double highest_percentile = 100.0;
// p / 100 * count is computed in binary floating point: 99.9 / 100 * 1000 comes out a hair above
// 999, and must still mean rank 999.
constexpr double rank_tolerance = 1e-9;

/// k with 2^k the smallest power of two >= 2 * 10^digits: sub-buckets per power-of-two range.
int sub_bucket_count_magnitude(int significant_digits) {
    std::int64_t largest_exact = 2;
    for (int i = 0; i < significant_digits; ++i) {
        largest_exact *= 10;
    }
    return static_cast<int>(std::bit_width(static_cast<std::uint64_t>(largest_exact - 1)));
}

/// Number of power-of-two buckets needed so the last one covers `highest` (HdrHistogram's rule).
int bucket_count_for(std::int64_t highest, std::int64_t sub_bucket_count) {
    std::int64_t smallest_untrackable = sub_bucket_count;
    int buckets = 1;
    while (smallest_untrackable <= highest) {
        if (smallest_untrackable > std::numeric_limits<std::int64_t>::max() / 2) {
            return buckets + 1;
        }
        smallest_untrackable <<= 1;
        ++buckets;
    }
    return buckets;
}

std::invalid_argument malformed(const std::string& why) {
    return std::invalid_argument("malformed histogram JSON: " + why);
}

}  // namespace

LogLinearHistogram::LogLinearHistogram(int significant_digits, std::int64_t highest_trackable_ns)
    : significant_digits_(significant_digits), highest_trackable_(highest_trackable_ns) {
    if (significant_digits < 1 || significant_digits > max_significant_digits) {
        throw std::invalid_argument("histogram significant digits must be in [1, 5], got " +
                                    std::to_string(significant_digits));
    }
    if (highest_trackable_ns < lowest_highest_trackable) {
        throw std::invalid_argument("histogram highest trackable value must be >= 2 ns, got " +
                                    std::to_string(highest_trackable_ns));
    }
    const int magnitude = sub_bucket_count_magnitude(significant_digits);
    sub_bucket_half_count_magnitude_ = magnitude - 1;
    sub_bucket_count_ = std::int64_t{1} << magnitude;
    const auto buckets = static_cast<std::size_t>(bucket_count_for(highest_trackable_ns, sub_bucket_count_));
    counts_.assign((buckets + 1) << sub_bucket_half_count_magnitude_, 0);
}

std::size_t LogLinearHistogram::index_of(std::int64_t value) const {
    const auto bits = static_cast<std::uint64_t>(value) | static_cast<std::uint64_t>(sub_bucket_count_ - 1);
    const int bucket = static_cast<int>(std::bit_width(bits)) - (sub_bucket_half_count_magnitude_ + 1);
    const std::int64_t sub_bucket = value >> bucket;
    const std::int64_t half_count = sub_bucket_count_ / 2;
    return static_cast<std::size_t>((std::int64_t{bucket + 1} << sub_bucket_half_count_magnitude_) +
                                    (sub_bucket - half_count));
}

std::int64_t LogLinearHistogram::lowest_value_at(std::size_t index) const {
    const std::int64_t half_count = sub_bucket_count_ / 2;
    int bucket = static_cast<int>(index >> sub_bucket_half_count_magnitude_) - 1;
    std::int64_t sub_bucket =
        static_cast<std::int64_t>(index & static_cast<std::size_t>(half_count - 1)) + half_count;
    // The first half_count indexes are bucket 0's lower half, which has no "bucket -1".
    if (bucket < 0) {
        sub_bucket -= half_count;
        bucket = 0;
    }
    return sub_bucket << bucket;
}

std::int64_t LogLinearHistogram::bucket_width_at(std::size_t index) const {
    const int bucket = std::max(0, static_cast<int>(index >> sub_bucket_half_count_magnitude_) - 1);
    return std::int64_t{1} << bucket;
}

std::int64_t LogLinearHistogram::lowest_equivalent(std::int64_t value_ns) const {
    if (value_ns < 0) {
        throw std::invalid_argument("histogram values must be >= 0");
    }
    return lowest_value_at(index_of(std::min(value_ns, highest_trackable_)));
}

std::int64_t LogLinearHistogram::highest_equivalent(std::int64_t value_ns) const {
    if (value_ns < 0) {
        throw std::invalid_argument("histogram values must be >= 0");
    }
    const std::size_t index = index_of(std::min(value_ns, highest_trackable_));
    return lowest_value_at(index) + bucket_width_at(index) - 1;
}

void LogLinearHistogram::record(std::int64_t value_ns, std::uint64_t count) {
    if (value_ns < 0) {
        throw std::invalid_argument("histogram values must be >= 0 ns, got " + std::to_string(value_ns));
    }
    if (count == 0) {
        return;
    }
    const bool clamped = value_ns > highest_trackable_;
    counts_[index_of(clamped ? highest_trackable_ : value_ns)] += count;
    if (clamped) {
        clamped_count_ += count;
    }
    min_ = empty() ? value_ns : std::min(min_, value_ns);
    max_ = empty() ? value_ns : std::max(max_, value_ns);
    total_count_ += count;
}

bool LogLinearHistogram::same_layout(const LogLinearHistogram& other) const noexcept {
    return significant_digits_ == other.significant_digits_ && highest_trackable_ == other.highest_trackable_;
}

void LogLinearHistogram::merge(const LogLinearHistogram& other) {
    if (!same_layout(other)) {
        throw std::invalid_argument(
            "cannot merge histograms with different layouts: " + std::to_string(significant_digits_) +
            " digits up to " + std::to_string(highest_trackable_) + " ns vs " +
            std::to_string(other.significant_digits_) + " digits up to " +
            std::to_string(other.highest_trackable_) + " ns");
    }
    if (other.empty()) {
        return;
    }
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        counts_[i] += other.counts_[i];
    }
    min_ = empty() ? other.min_ : std::min(min_, other.min_);
    max_ = empty() ? other.max_ : std::max(max_, other.max_);
    total_count_ += other.total_count_;
    clamped_count_ += other.clamped_count_;
}

std::int64_t LogLinearHistogram::min() const {
    if (empty()) {
        throw std::out_of_range("min() of an empty histogram");
    }
    return min_;
}

std::int64_t LogLinearHistogram::max() const {
    if (empty()) {
        throw std::out_of_range("max() of an empty histogram");
    }
    return max_;
}

double LogLinearHistogram::mean() const {
    if (empty()) {
        throw std::out_of_range("mean() of an empty histogram");
    }
    double total = 0.0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] == 0) {
            continue;
        }
        // Midpoint, rounded down like HdrHistogram's median-equivalent value: exact for width 1.
        const std::int64_t midpoint = lowest_value_at(i) + bucket_width_at(i) / 2;
        total += static_cast<double>(counts_[i]) * static_cast<double>(midpoint);
    }
    return total / static_cast<double>(total_count_);
}

std::int64_t LogLinearHistogram::value_at_percentile(double p) const {
    if (!(p >= 0.0 && p <= highest_percentile)) {
        throw std::invalid_argument("percentile must be in [0, 100], got " + std::to_string(p));
    }
    if (empty()) {
        throw std::out_of_range("value_at_percentile() of an empty histogram");
    }
    const double scaled = p / highest_percentile * static_cast<double>(total_count_);
    const double nearest = std::round(scaled);
    const bool whole = std::abs(scaled - nearest) <= rank_tolerance * std::max(1.0, scaled);
    const auto rank = std::clamp(static_cast<std::uint64_t>(whole ? nearest : std::ceil(scaled)),
                                 std::uint64_t{1}, total_count_);
    // The smallest value is known exactly, not just its bucket.
    if (rank == 1) {
        return min_;
    }
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            const std::int64_t highest = lowest_value_at(i) + bucket_width_at(i) - 1;
            return std::clamp(highest, min_, max_);
        }
    }
    return max_;  // unreachable: the counts add up to total_count_
}

std::vector<LogLinearHistogram::Bucket> LogLinearHistogram::buckets() const {
    std::vector<Bucket> result;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] == 0) {
            continue;
        }
        const std::int64_t lowest = lowest_value_at(i);
        result.push_back({lowest, lowest + bucket_width_at(i) - 1, counts_[i]});
    }
    return result;
}

nlohmann::json LogLinearHistogram::to_json() const {
    nlohmann::json sparse = nlohmann::json::array();
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0) {
            sparse.push_back({lowest_value_at(i), counts_[i]});
        }
    }
    return {
        {"significant_digits", significant_digits_},
        {"highest_trackable_ns", highest_trackable_},
        {"count", total_count_},
        {"clamped_count", clamped_count_},
        {"min_ns", empty() ? nlohmann::json(nullptr) : nlohmann::json(min_)},
        {"max_ns", empty() ? nlohmann::json(nullptr) : nlohmann::json(max_)},
        {"buckets", std::move(sparse)},
    };
}

LogLinearHistogram LogLinearHistogram::from_json(const nlohmann::json& json) {
    try {
        LogLinearHistogram histogram(json.at("significant_digits").get<int>(),
                                     json.at("highest_trackable_ns").get<std::int64_t>());
        std::int64_t previous = -1;
        for (const auto& entry : json.at("buckets")) {
            if (!entry.is_array() || entry.size() != 2) {
                throw malformed("a bucket is not [lowest_ns, count]");
            }
            const auto lowest = entry.at(0).get<std::int64_t>();
            const auto count = entry.at(1).get<std::uint64_t>();
            if (lowest <= previous || lowest > histogram.highest_trackable_ ||
                histogram.lowest_equivalent(lowest) != lowest || count == 0) {
                throw malformed("bucket " + std::to_string(lowest) +
                                " is not an ascending, non-empty bucket boundary of this layout");
            }
            histogram.counts_[histogram.index_of(lowest)] = count;
            histogram.total_count_ += count;
            previous = lowest;
        }
        if (histogram.total_count_ != json.at("count").get<std::uint64_t>()) {
            throw malformed("bucket counts do not add up to \"count\"");
        }
        histogram.clamped_count_ = json.at("clamped_count").get<std::uint64_t>();
        if (histogram.clamped_count_ > histogram.total_count_) {
            throw malformed("clamped_count > count");
        }
        if (histogram.empty()) {
            return histogram;
        }
        histogram.min_ = json.at("min_ns").get<std::int64_t>();
        histogram.max_ = json.at("max_ns").get<std::int64_t>();
        if (histogram.min_ < 0 || histogram.min_ > histogram.max_) {
            throw malformed("min_ns/max_ns out of order");
        }
        return histogram;
    } catch (const nlohmann::json::exception& error) {
        throw malformed(error.what());
    }
}

}  // namespace parity::stats
