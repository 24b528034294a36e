#pragma once

#include <cstdint>

namespace parity::workers {

/// This process's resident set size in bytes (/proc/self/statm), or 0 if unreadable.
[[nodiscard]] std::int64_t resident_set_bytes();

}  // namespace parity::workers
