#include <catch2/catch.hpp>

#include "parity/diff/difference.hpp"

namespace parity::diff {
namespace {

TEST_CASE("every difference kind has a name that reads back", "[difference]") {
    const auto kind =
        GENERATE(DifferenceKind::value, DifferenceKind::type, DifferenceKind::missing, DifferenceKind::extra,
                 DifferenceKind::array_length, DifferenceKind::order, DifferenceKind::float_tolerance,
                 DifferenceKind::error_vs_value, DifferenceKind::error_type, DifferenceKind::error_message,
                 DifferenceKind::unicode_normalization);
    const std::string_view name = to_string(kind);
    CAPTURE(name);
    CHECK(kind_from_string(name) == kind);
}

TEST_CASE("difference kind names are the documented ones", "[difference]") {
    CHECK(to_string(DifferenceKind::array_length) == "array_length");
    CHECK(to_string(DifferenceKind::unicode_normalization) == "unicode_normalization");
    CHECK(to_string(DifferenceKind::error_vs_value) == "error_vs_value");
    CHECK_FALSE(kind_from_string("length").has_value());
    CHECK_FALSE(kind_from_string("Value").has_value());
    CHECK_FALSE(kind_from_string("").has_value());
}

}  // namespace
}  // namespace parity::diff
