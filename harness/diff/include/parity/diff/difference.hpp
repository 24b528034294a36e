#pragma once

// One place where the reference's and the candidate's outputs differ, and what kind of difference
// it is (docs/diff-rules.md lists the kinds).
//
//     Difference{DifferenceKind::value, "/0/score", "/*/score", 0.9, 0.91, "0.9 vs 0.91", "/0/score"}

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace parity::diff {

enum class DifferenceKind {
    value,                  // same type, different value
    type,                   // different JSON types (1 vs 1.0, true vs 1, null vs "")
    missing,                // in the reference only (object key or array element)
    extra,                  // in the candidate only
    array_length,           // ordered arrays of different lengths (then missing / extra per element)
    order,                  // the same elements in a different order
    float_tolerance,        // numbers further apart than a `float` rule allows
    error_vs_value,         // one side raised, the other returned
    error_type,             // both raised, different exception types
    error_message,          // both raised the same type, different messages
    unicode_normalization,  // strings equal only under the `unicode` rule's normalization form
};

/// The kind's name as written in reports and rules: "value", "array_length", ...
[[nodiscard]] std::string_view to_string(DifferenceKind kind) noexcept;

/// The kind named `name` (as to_string writes it), or std::nullopt.
[[nodiscard]] std::optional<DifferenceKind> kind_from_string(std::string_view name) noexcept;

struct Difference {
    DifferenceKind kind = DifferenceKind::value;
    /// RFC 6901 JSON Pointer of the location ("" is the root), e.g. "/3/score". Array indices are the
    /// reference's, except for an `extra` element, whose last index is the candidate's.
    std::string pointer;
    /// `pointer` with array indices replaced by "*" ("/*/score"); object keys are never replaced.
    std::string pattern;
    /// The values at that location; null where a side has none (missing: candidate, extra: reference).
    nlohmann::json reference;
    nlohmann::json candidate;
    /// One human line: "0.9 vs 0.91 (|Δ| = 0.01 > abs 1e-09)", "15 vs 14 elements".
    std::string detail;
    /// The same location in the candidate. Differs from `pointer` only below arrays matched
    /// `unordered` or `keyed_by`, where an element's index may differ between the sides.
    std::string candidate_pointer;
};

}  // namespace parity::diff
