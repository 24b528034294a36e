#pragma once

// Normalizing one record field by field (docs/matching.md sections 1 and 2).

#include <cstddef>
#include <stdexcept>
#include <string>

#include "parity/core/matching/fields.hpp"

namespace parity::core::matching {

/// A field value the reference rejects (today only an unreadable birth date), located by field;
/// the caller knows which record and turns it into "rows[3].birth_date: unparseable date".
class FieldError : public std::invalid_argument {
  public:
    FieldError(Field field, const std::string& reason) : std::invalid_argument(reason), field_(field) {}

    [[nodiscard]] Field field() const {
        return field_;
    }

  private:
    Field field_;
};

/// Each field through its normalizer, in Field order; throws FieldError at the first rejected value.
[[nodiscard]] NormalizedRecord normalize_record(const RawRecord& raw);
/// The same for a record whose fields are views into a buffer the caller owns.
[[nodiscard]] NormalizedRecord normalize_record(const RawRecordView& raw);
/// The same into `out` (every field replaced), reusing the memory of its strings: a caller
/// normalizing batch after batch into the same records allocates nothing once they have grown.
/// On FieldError the fields before the rejected one are normalized, the others unspecified.
void normalize_record_into(const RawRecord& raw, NormalizedRecord& out);
void normalize_record_into(const RawRecordView& raw, NormalizedRecord& out);

}  // namespace parity::core::matching
