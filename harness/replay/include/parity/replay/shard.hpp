#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parity::replay {

/// `--shard I/N`: this run replays valid requests number k (0-based, corpus order) with k % N == I-1,
/// so N runs on N machines cover the corpus exactly once. I is 1-based, as in `--shard 1/4` … `4/4`.
struct Shard {
    std::uint32_t index = 1;  // I, 1-based
    std::uint32_t count = 1;  // N

    /// Parses "I/N"; nullopt (with `error` set) unless 1 <= I <= N.
    static std::optional<Shard> parse(std::string_view text, std::string& error);

    [[nodiscard]] bool owns(std::uint64_t ordinal) const noexcept { return ordinal % count == index - 1; }
    [[nodiscard]] std::string to_string() const { return std::to_string(index) + "/" + std::to_string(count); }
};

}  // namespace parity::replay
