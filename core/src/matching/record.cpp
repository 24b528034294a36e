#include "parity/core/matching/record.hpp"

#include <optional>
#include <string_view>

#include "parity/core/text/normalize.hpp"

namespace parity::core::matching {
namespace {

using Normalizer = std::optional<std::u32string> (*)(std::u32string_view);

constexpr std::array<Normalizer, field_count> normalizers = {
    text::normalize_text,  text::normalize_text,     text::normalize_email, text::normalize_phone,
    text::normalize_text,  text::normalize_text,     text::normalize_postcode, text::normalize_date,
};

}  // namespace

NormalizedRecord normalize_record(const RawRecord& raw) { return normalize_record(views_of(raw)); }

NormalizedRecord normalize_record(const RawRecordView& raw) {
    NormalizedRecord normalized;
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!raw[i]) {
            continue;
        }
        try {
            normalized[i] = normalizers[i](*raw[i]);
        } catch (const text::DateParseError& error) {
            throw FieldError(static_cast<Field>(i), error.what());
        }
    }
    return normalized;
}

}  // namespace parity::core::matching
