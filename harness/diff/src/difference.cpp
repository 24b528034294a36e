#include "parity/diff/difference.hpp"

#include <array>
#include <cstddef>
#include <utility>

namespace parity::diff {
namespace {

constexpr std::array<std::pair<DifferenceKind, std::string_view>, 11> kind_names = {{
    {DifferenceKind::value, "value"},
    {DifferenceKind::type, "type"},
    {DifferenceKind::missing, "missing"},
    {DifferenceKind::extra, "extra"},
    {DifferenceKind::array_length, "array_length"},
    {DifferenceKind::order, "order"},
    {DifferenceKind::float_tolerance, "float_tolerance"},
    {DifferenceKind::error_vs_value, "error_vs_value"},
    {DifferenceKind::error_type, "error_type"},
    {DifferenceKind::error_message, "error_message"},
    {DifferenceKind::unicode_normalization, "unicode_normalization"},
}};

}  // namespace

std::string_view to_string(DifferenceKind kind) noexcept {
    for (const auto& [known, name] : kind_names) {
        if (known == kind) {
            return name;
        }
    }
    return "unknown";
}

std::optional<DifferenceKind> kind_from_string(std::string_view name) noexcept {
    for (const auto& [kind, known] : kind_names) {
        if (known == name) {
            return kind;
        }
    }
    return std::nullopt;
}

}  // namespace parity::diff
