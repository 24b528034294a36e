#pragma once

#include <string_view>

namespace parity::harness {

/// Parity's version, from project(VERSION) in the top-level CMakeLists.txt, e.g. "0.1.0".
[[nodiscard]] std::string_view version() noexcept;

}  // namespace parity::harness
