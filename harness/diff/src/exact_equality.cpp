#include "exact_equality.hpp"

#include <bit>
#include <cmath>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "json_type.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

// All NaNs hash alike, as they compare alike.
constexpr std::uint64_t nan_hash = 0x7ff8dead00000001ULL;

bool same_scalar(const json& a, const json& b) {
    switch (a.type()) {
        case json::value_t::null:
            return true;
        case json::value_t::boolean:
            return a.get<bool>() == b.get<bool>();
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return same_integer(a, b);
        case json::value_t::number_float:
            return same_double(a.get<double>(), b.get<double>());
        case json::value_t::string:
            return a.get_ref<const json::string_t&>() == b.get_ref<const json::string_t&>();
        default:
            return a == b;  // binary and discarded: no float inside, the library's equality is exact
    }
}

// splitmix64's finaliser: spreads every input bit over the hash.
constexpr std::uint64_t mix(std::uint64_t hash, std::uint64_t value) noexcept {
    std::uint64_t x = hash ^ (value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2));
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t hash_text(std::string_view text) {
    return std::hash<std::string_view>{}(text);
}

std::uint64_t scalar_hash(const json& value) {
    switch (value.type()) {
        case json::value_t::boolean:
            return value.get<bool>() ? 1 : 0;
        case json::value_t::number_integer:
            return static_cast<std::uint64_t>(value.get<std::int64_t>());  // equal to the unsigned case
        case json::value_t::number_unsigned:
            return value.get<std::uint64_t>();
        case json::value_t::number_float: {
            const double number = value.get<double>();
            return std::isnan(number) ? nan_hash : std::bit_cast<std::uint64_t>(number);
        }
        case json::value_t::string:
            return hash_text(value.get_ref<const json::string_t&>());
        default:
            return 0;
    }
}

}  // namespace

bool same_integer(const json& a, const json& b) noexcept {
    const bool a_negative = a.is_number_integer() && !a.is_number_unsigned() && a.get<std::int64_t>() < 0;
    const bool b_negative = b.is_number_integer() && !b.is_number_unsigned() && b.get<std::int64_t>() < 0;
    if (a_negative || b_negative) {
        return a_negative && b_negative && a.get<std::int64_t>() == b.get<std::int64_t>();
    }
    return a.get<std::uint64_t>() == b.get<std::uint64_t>();
}

bool same_double(double a, double b) noexcept {
    if (std::isnan(a) || std::isnan(b)) {
        return std::isnan(a) && std::isnan(b);
    }
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool exactly_equal(const json& a, const json& b) {
    std::vector<std::pair<const json*, const json*>> pending{{&a, &b}};
    while (!pending.empty()) {
        const auto [left, right] = pending.back();
        pending.pop_back();
        if (json_type(*left) != json_type(*right)) {
            return false;
        }
        if (left->is_array()) {
            if (left->size() != right->size()) {
                return false;
            }
            for (std::size_t i = left->size(); i-- > 0;) {
                pending.emplace_back(&(*left)[i], &(*right)[i]);
            }
        } else if (left->is_object()) {
            if (left->size() != right->size()) {
                return false;
            }
            // Both maps are sorted by key: walk them side by side.
            auto left_entry = left->items().begin();
            auto right_entry = right->items().begin();
            for (; left_entry != left->items().end(); ++left_entry, ++right_entry) {
                if (left_entry.key() != right_entry.key()) {
                    return false;
                }
                pending.emplace_back(&left_entry.value(), &right_entry.value());
            }
        } else if (!same_scalar(*left, *right)) {
            return false;
        }
    }
    return true;
}

std::uint64_t exact_hash(const json& value) {
    // The hash of the pre-order walk (type, size or scalar, keys): the walk determines the value.
    std::uint64_t hash = 0;
    std::vector<const json*> pending{&value};
    while (!pending.empty()) {
        const json* node = pending.back();
        pending.pop_back();
        hash = mix(hash, static_cast<std::uint64_t>(json_type(*node)));
        if (node->is_array()) {
            hash = mix(hash, node->size());
            for (std::size_t i = node->size(); i-- > 0;) {
                pending.push_back(&(*node)[i]);
            }
        } else if (node->is_object()) {
            hash = mix(hash, node->size());
            for (auto entry = node->items().begin(); entry != node->items().end(); ++entry) {
                hash = mix(hash, hash_text(entry.key()));
            }
            // Children in reverse, so they are hashed in key order.
            for (auto entry = node->rbegin(); entry != node->rend(); ++entry) {
                pending.push_back(&*entry);
            }
        } else {
            hash = mix(hash, scalar_hash(*node));
        }
    }
    return hash;
}

}  // namespace parity::diff
