#pragma once

#include <array>
#include <charconv>
#include <string>

namespace parity::test {

/// The shortest decimal that round-trips to `value`, as Python's repr(float) prints it. Catch2
/// prints doubles to 10 digits, too few to show why two values are not bit-identical.
inline std::string float_repr(double value) {
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return {buffer.data(), result.ptr};
}

}  // namespace parity::test
