#include "matching/matching_oracle.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <utility>

#include "helpers/text_repr.hpp"
#include "parity/core/similarity/oracle/jaro.hpp"
#include "parity/core/similarity/oracle/levenshtein.hpp"
#include "parity/core/similarity/oracle/token_ratio.hpp"

namespace parity::test {
namespace {

using core::matching::CandidateScore;
using core::matching::Field;
using core::matching::field_count;
using core::matching::get;
using core::matching::index_of;
using core::matching::MatchResult;
using core::matching::Status;
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

std::optional<double> jaro_winkler(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return core::oracle::jaro_winkler(*a, *b);
}

std::optional<double> text_score(const Value& a, const Value& b) {
    if (!a || !b) {
        return std::nullopt;
    }
    return std::max(core::oracle::levenshtein_ratio(*a, *b), core::oracle::token_set_ratio(*a, *b));
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

std::vector<std::u32string> oracle_customer_keys(const NormalizedRecord& record, const MatchConfig& config) {
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

std::vector<std::u32string> oracle_row_keys(const NormalizedRecord& record, const MatchConfig& config) {
    NormalizedRecord swapped = record;
    std::swap(swapped[index_of(Field::first_name)], swapped[index_of(Field::last_name)]);
    std::vector<std::u32string> all = oracle_customer_keys(record, config);
    for (auto& key : oracle_customer_keys(swapped, config)) {
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

OracleIndex::OracleIndex(const std::vector<NormalizedRecord>& customers, const MatchConfig& config)
    : config_(config) {
    for (std::size_t position = 0; position < customers.size(); ++position) {
        for (auto& key : oracle_customer_keys(customers[position], config)) {
            blocks_[std::move(key)].push_back(static_cast<std::uint32_t>(position));
        }
    }
}

core::matching::Candidates OracleIndex::candidates(const NormalizedRecord& row) const {
    core::matching::Candidates result;
    for (const auto& key : oracle_row_keys(row, config_)) {
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

CandidateScore oracle_score(const NormalizedRecord& row, const NormalizedRecord& customer,
                            std::int64_t customer_id, const MatchConfig& config) {
    std::optional<double> first_name;
    std::optional<double> last_name;
    const Value& rf = get(row, Field::first_name);
    const Value& rl = get(row, Field::last_name);
    const Value& cf = get(customer, Field::first_name);
    const Value& cl = get(customer, Field::last_name);
    if (!rf || !rl || !cf || !cl) {
        first_name = jaro_winkler(rf, cf);
        last_name = jaro_winkler(rl, cl);
    } else {
        const double first = core::oracle::jaro_winkler(*rf, *cf);
        const double last = core::oracle::jaro_winkler(*rl, *cl);
        const double swapped_first = core::oracle::jaro_winkler(*rf, *cl);
        const double swapped_last = core::oracle::jaro_winkler(*rl, *cf);
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

std::vector<MatchResult> oracle_match(const std::vector<std::int64_t>& ids,
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
    const OracleIndex index(sorted_customers, config);
    std::vector<MatchResult> results;
    for (const NormalizedRecord& row : rows) {
        const core::matching::Candidates candidates = index.candidates(row);
        std::vector<CandidateScore> scored;
        for (const std::uint32_t position : candidates.positions) {
            scored.push_back(oracle_score(row, sorted_customers[position], sorted_ids[position], config));
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

std::optional<std::u32string> RecordGenerator::value(std::size_t field) {
    static const std::vector<std::u32string> first_names = {
        U"ann",  U"anne", U"anna",     U"annabel", U"lee", U"de la cruz", U"del", U"d e",
        U"jose", U"josé", U"οδυσσευσ", U"김민준",  U"a|b", U"li",         U"x"};
    static const std::vector<std::u32string> last_names = {
        U"lee",     U"leigh",  U"ann",    U"anne",    U"smith", U"smyth", U"de la cruz",  U"delacruz",
        U"o brien", U"obrien", U"müller", U"mueller", U"b|c",   U"a",     U"van der berg"};
    static const std::vector<std::u32string> emails = {U"ann@x.org", U"ann@y.org", U"a|b@x.org", U"lee@x.org",
                                                       U"ánn@x.org"};
    static const std::vector<std::u32string> phones = {U"079460958", U"551234567", U"1234567", U"91234567",
                                                       U"7946095"};
    static const std::vector<std::u32string> streets = {
        U"10 high street",
        U"high street 10",
        U"flat 2 10 high street",
        U"hgih street",
        U"10 high st",
        U"rue de la paix",
        U"hauptstraße 5",
        U"東京 1",
        U"a very long street name that goes on and on past sixty four code points 12"};
    static const std::vector<std::u32string> cities = {U"london",   U"londn",    U"paris",
                                                       U"new york", U"york new", U"berlin"};
    static const std::vector<std::u32string> postcodes = {U"sw1a1aa", U"sw1a1ab", U"75008", U"10115"};
    static const std::vector<std::u32string> dates = {U"1984-03-07", U"1984-07-03", U"1990-01-01"};
    static const std::array<const std::vector<std::u32string>*, field_count> pools = {
        &first_names, &last_names, &emails, &phones, &streets, &cities, &postcodes, &dates};
    if (std::uniform_int_distribution<int>(0, 5)(random_) == 0) {
        return std::nullopt;  // missing
    }
    const auto& pool = *pools[field];
    return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random_)];
}

NormalizedRecord RecordGenerator::record() {
    NormalizedRecord record;
    for (std::size_t i = 0; i < field_count; ++i) {
        record[i] = value(i);
    }
    return record;
}

NormalizedRecord RecordGenerator::variant(const NormalizedRecord& record) {
    NormalizedRecord changed = record;
    const int changes = std::uniform_int_distribution<int>(0, 3)(random_);
    for (int i = 0; i < changes; ++i) {
        const auto field = std::uniform_int_distribution<std::size_t>(0, field_count - 1)(random_);
        changed[field] = value(field);
    }
    if (std::uniform_int_distribution<int>(0, 3)(random_) == 0) {
        std::swap(changed[index_of(Field::first_name)], changed[index_of(Field::last_name)]);
    }
    return changed;
}

MatchConfig RecordGenerator::config() {
    MatchConfig config;
    config.name_prefix_length = std::uniform_int_distribution<std::size_t>(1, 5)(random_);
    config.phone_block_digits = std::uniform_int_distribution<std::size_t>(1, 10)(random_);
    config.max_block_size = std::uniform_int_distribution<std::size_t>(1, 40)(random_);
    config.max_candidates = std::uniform_int_distribution<std::size_t>(1, 40)(random_);
    return config;
}

std::string record_repr(const NormalizedRecord& record) {
    std::string repr = "NormalizedRecord(";
    for (std::size_t i = 0; i < field_count; ++i) {
        repr += std::string(i > 0 ? ", " : "") + std::string(core::matching::field_names[i]) + "=" +
                value_repr(record[i]);
    }
    return repr + ")";
}

}  // namespace parity::test
