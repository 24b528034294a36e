#include "helpers/random_records.hpp"

#include <array>
#include <utility>
#include <vector>

#include "helpers/text_repr.hpp"

namespace parity::test {

using core::matching::Field;
using core::matching::field_count;
using core::matching::index_of;

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
