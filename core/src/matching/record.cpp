#include "matching/record.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "parity/core/text/normalize.hpp"

namespace parity::core::matching {
namespace {

using Normalizer = bool (*)(std::u32string_view, std::u32string&);

constexpr std::array<Normalizer, field_count> normalizers = {
    text::normalize_text_into, text::normalize_text_into, text::normalize_email_into,
    text::normalize_phone_into, text::normalize_text_into, text::normalize_text_into,
    text::normalize_postcode_into, text::normalize_date_into,
};

/// Code points a field's string is given room for when first made: most values fit, so a string
/// reused for row after row (each a different name or street) seldom has to grow.
constexpr std::size_t initial_field_capacity = 32;

// Not inlined: a thread_local in a shared library is found through a call (__tls_get_addr).
[[gnu::noinline]] std::u32string& field_buffer() {
    thread_local std::u32string buffer;
    return buffer;
}

}  // namespace

NormalizedRecord normalize_record(const RawRecord& raw) { return normalize_record(views_of(raw)); }

NormalizedRecord normalize_record(const RawRecordView& raw) {
    NormalizedRecord normalized;
    normalize_record_into(raw, normalized);
    return normalized;
}

void normalize_record_into(const RawRecord& raw, NormalizedRecord& out) { normalize_record_into(views_of(raw), out); }

void normalize_record_into(const RawRecordView& raw, NormalizedRecord& out) {
    // A field whose string `out` already has (kept from an earlier row or batch) is normalized into
    // it. Otherwise the value goes through a buffer first and is copied in only when present: a
    // field missing in this row keeps no string (it is std::nullopt), so none is made and dropped.
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!raw[i]) {
            out[i].reset();
            continue;
        }
        std::u32string& value = out[i] ? *out[i] : field_buffer();
        bool present = false;
        try {
            present = normalizers[i](*raw[i], value);
        } catch (const text::DateParseError& error) {
            throw FieldError(static_cast<Field>(i), error.what());
        }
        if (!present) {
            out[i].reset();
        } else if (!out[i]) {
            out[i].emplace().reserve(std::max(initial_field_capacity, value.size()));
            out[i]->assign(value);
        }
    }
}

}  // namespace parity::core::matching
