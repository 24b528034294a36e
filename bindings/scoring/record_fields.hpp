#pragma once

// The kernel fields of a history record or transaction (docs/scoring.md section 1.2), in the order the
// checks visit them, and the Python str objects used to look them up.

#include <Python.h>

#include <array>
#include <cstddef>

namespace parity::bindings::scoring {

enum class RecordField : std::size_t {
    id,
    t_ms,
    amount,
    currency,
    merchant_id,
    mcc,
    country,
    lat,
    lon,
    card_id,
    device_id,
};

inline constexpr std::size_t record_field_count = 11;

inline constexpr std::array<const char*, record_field_count> record_field_names = {
    "id",      "t_ms", "amount", "currency", "merchant_id", "mcc",
    "country", "lat",  "lon",    "card_id",  "device_id"};

/// A record's field values by RecordField (borrowed references).
using FieldValues = std::array<PyObject*, record_field_count>;

/// The field names as interned str objects, made once (under the GIL) and kept for the process.
[[nodiscard]] const std::array<PyObject*, record_field_count>& record_field_keys();

}  // namespace parity::bindings::scoring
