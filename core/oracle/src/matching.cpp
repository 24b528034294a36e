#include "parity/core/oracle/matching.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <utility>

#include "parity/core/oracle/jaro.hpp"
#include "parity/core/oracle/levenshtein.hpp"
#include "parity/core/oracle/token_ratio.hpp"

namespace parity::core::oracle {
namespace {

using matching::CandidateScore;
using matching::Field;
using matching::field_count;
using matching::get;
using matching::index_of;
using matching::MatchConfig;
using matching::MatchResult;
using matching::NormalizedRecord;
using matching::Status;
using Value = std::optional<std::u32string>;

// name.replace(" ", "")[:n]
Value prefix(const Value& name, std::size_t length) {
    if (!name) {
        return std::nullopt;
    }
    std::u32string without_spaces;
    for (const char32_t c : *name) {
        if (c != U' ') {
            without_spaces.push_back(c);
        }
    }
    return without_spaces.substr(0, length);
}

std::optional<double> exact(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return *a == *b ? 1.0 : 0.0;
}

std::optional<double> jaro_winkler_or_none(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return oracle::jaro_winkler(*a, *b);
}

std::optional<double> text_score(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return std::max(oracle::levenshtein_ratio(*a, *b), oracle::token_set_ratio(*a, *b));
}

// matcher.py's _rank, as a "less than" for max().
bool ranks_below(const CandidateScore& a, const CandidateScore& b) {
    if (a.score != b.score) {
        return a.score < b.score;
    }
    if (a.compared_weight != b.compared_weight) {
        return a.compared_weight < b.compared_weight;
    }
    return -a.customer_id < -b.customer_id;
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
    const Value first = prefix(get(record, Field::first_name), config.name_prefix_length);
    const Value last = prefix(get(record, Field::last_name), config.name_prefix_length);
    const Value& postcode = get(record, Field::postcode);
    const Value& birth_date = get(record, Field::birth_date);
    if (first && last) {
        keys.push_back(U"names:" + *first + U"|" + *last);
    }
    if (last && postcode) {
        keys.push_back(U"last_postcode:" + *last + U"|" + *postcode);
    }
    if (last && birth_date) {
        keys.push_back(U"last_birth:" + *last + U"|" + *birth_date);
    }
    if (first && birth_date) {
        keys.push_back(U"first_birth:" + *first + U"|" + *birth_date);
    }
    return keys;
}

std::vector<std::u32string> row_keys(const NormalizedRecord& record, const MatchConfig& config) {
    NormalizedRecord swapped = record;
    std::swap(swapped[index_of(Field::first_name)], swapped[index_of(Field::last_name)]);
    std::vector<std::u32string> all = oracle::customer_keys(record, config);
    for (auto& key : oracle::customer_keys(swapped, config)) {
        all.push_back(std::move(key));
    }
    std::vector<std::u32string> keys;
    for (auto& key : all) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            keys.push_back(std::move(key));
        }
    }
    return keys;
}

BlockingIndex::BlockingIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config)
    : config_(config) {
    for (std::size_t position = 0; position < customers.size(); ++position) {
        for (auto& key : oracle::customer_keys(customers[position], config)) {
            blocks_[std::move(key)].push_back(static_cast<std::uint32_t>(position));
        }
    }
}

matching::Candidates BlockingIndex::candidates(const NormalizedRecord& row) const {
    matching::Candidates result;
    for (const auto& key : oracle::row_keys(row, config_)) {
        const auto block = blocks_.find(key);
        if (block == blocks_.end()) {
            continue;
        }
        if (block->second.size() > config_.max_block_size) {
            result.capped = true;
            continue;
        }
        for (const std::uint32_t position : block->second) {
            if (std::find(result.positions.begin(), result.positions.end(), position) !=
                result.positions.end()) {
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

CandidateScore score_candidate(const NormalizedRecord& row, const NormalizedRecord& customer,
                               std::int64_t customer_id, const MatchConfig& config) {
    std::optional<double> first_name;
    std::optional<double> last_name;
    const Value& rf = get(row, Field::first_name);
    const Value& rl = get(row, Field::last_name);
    const Value& cf = get(customer, Field::first_name);
    const Value& cl = get(customer, Field::last_name);
    if (!rf || !rl || !cf || !cl) {
        first_name = jaro_winkler_or_none(rf, cf);
        last_name = jaro_winkler_or_none(rl, cl);
    } else {
        const double first = oracle::jaro_winkler(*rf, *cf);
        const double last = oracle::jaro_winkler(*rl, *cl);
        const double swapped_first = oracle::jaro_winkler(*rf, *cl);
        const double swapped_last = oracle::jaro_winkler(*rl, *cf);
        const bool swapped = swapped_first + swapped_last > first + last;
        first_name = swapped ? swapped_first : first;
        last_name = swapped ? swapped_last : last;
    }
    CandidateScore result;
    result.customer_id = customer_id;
    result.field_scores = {first_name,
                           last_name,
                           exact(get(row, Field::email), get(customer, Field::email)),
                           exact(get(row, Field::phone), get(customer, Field::phone)),
                           text_score(get(row, Field::street), get(customer, Field::street)),
                           text_score(get(row, Field::city), get(customer, Field::city)),
                           exact(get(row, Field::postcode), get(customer, Field::postcode)),
                           exact(get(row, Field::birth_date), get(customer, Field::birth_date))};
    double weighted_sum = 0.0;
    double compared_weight = 0.0;
    for (std::size_t i = 0; i < field_count; ++i) {
        if (result.field_scores[i]) {
            weighted_sum += config.weights[i] * *result.field_scores[i];
            compared_weight += config.weights[i];
        }
    }
    result.score = compared_weight > 0.0 ? weighted_sum / compared_weight : 0.0;
    result.compared_weight = compared_weight;
    return result;
}

std::vector<MatchResult> match(const std::vector<std::int64_t>& ids,
                               const std::vector<NormalizedRecord>& customers,
                               const std::vector<NormalizedRecord>& rows, const MatchConfig& config) {
    std::vector<std::size_t> by_id(ids.size());
    std::iota(by_id.begin(), by_id.end(), std::size_t{0});
    std::sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    std::vector<std::int64_t> sorted_ids;
    std::vector<NormalizedRecord> sorted_customers;
    for (const std::size_t i : by_id) {
        sorted_ids.push_back(ids[i]);
        sorted_customers.push_back(customers[i]);
    }
    const BlockingIndex index(sorted_customers, config);
    std::vector<MatchResult> results;
    for (const NormalizedRecord& row : rows) {
        const matching::Candidates candidates = index.candidates(row);
        std::vector<CandidateScore> scored;
        for (const std::uint32_t position : candidates.positions) {
            scored.push_back(
                oracle::score_candidate(row, sorted_customers[position], sorted_ids[position], config));
        }
        MatchResult result;
        result.normalized = row;
        result.candidates = scored.size();
        result.capped = candidates.capped;
        if (!scored.empty()) {
            const CandidateScore& best = *std::max_element(scored.begin(), scored.end(), ranks_below);
            if (best.score >= config.match_threshold && best.compared_weight >= config.min_match_weight) {
                result.status = Status::matched;
            } else if (best.score >= config.possible_threshold) {
                result.status = Status::possible;
            }
            if (result.status != Status::new_record) {
                result.customer_id = best.customer_id;
            }
            result.score = best.score;
            result.field_scores = best.field_scores;
        }
        results.push_back(std::move(result));
    }
    return results;
}

}  // namespace parity::core::oracle
