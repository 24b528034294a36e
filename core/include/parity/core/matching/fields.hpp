#pragma once

// The matched fields, in MATCH_FIELDS order (docs/matching.md): scoring, results and error checks
// all walk them in this order.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parity::core::matching {

enum class Field : std::size_t {
    first_name,
    last_name,
    email,
    phone,
    street,
    city,
    postcode,
    birth_date,
};

inline constexpr std::size_t field_count = 8;

inline constexpr std::array<std::string_view, field_count> field_names = {
    "first_name", "last_name", "email", "phone", "street", "city", "postcode", "birth_date",
};

[[nodiscard]] constexpr std::size_t index_of(Field field) { return static_cast<std::size_t>(field); }

/// One value per field; std::nullopt is "missing" (absent, None, or nothing comparable left).
using FieldValues = std::array<std::optional<std::u32string>, field_count>;

/// A record's fields as given (before normalization) and after it.
using RawRecord = FieldValues;
using NormalizedRecord = FieldValues;

[[nodiscard]] inline const std::optional<std::u32string>& get(const FieldValues& record, Field field) {
    return record[index_of(field)];
}

/// A record's fields as views into strings stored elsewhere (a NormalizedRecord, a CustomerStore).
using FieldViews = std::array<std::optional<std::u32string_view>, field_count>;

[[nodiscard]] inline FieldViews views_of(const FieldValues& record) {
    FieldViews views;
    for (std::size_t i = 0; i < field_count; ++i) {
        if (record[i]) {
            views[i] = *record[i];
        }
    }
    return views;
}

/// A record's fields as given, as views into a buffer the caller owns (one buffer per batch instead
/// of one string per field): what the Python bindings hand the matcher.
using RawRecordView = FieldViews;

[[nodiscard]] inline const std::optional<std::u32string_view>& get(const FieldViews& record, Field field) {
    return record[index_of(field)];
}

}  // namespace parity::core::matching
