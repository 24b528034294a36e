#pragma once

// Splitting one fuzz input into the documents a target needs (a reference and a candidate, a policy and
// a report). The separator is a line of its own, so a seed file reads as the documents one after the
// other:
//
//     {"score": 0.9}
//     ====
//     {"score": 0.91}
//
// It is in every target's dictionary, so libFuzzer adds and removes parts as readily as it edits them.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace parity::fuzz {

inline constexpr std::string_view part_separator = "\n====\n";

/// The input's text.
[[nodiscard]] inline std::string_view input_text(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

/// The parts of `text` between separators; at most `max_parts`, the last one holding the rest.
[[nodiscard]] inline std::vector<std::string_view> split_parts(std::string_view text, std::size_t max_parts) {
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < max_parts) {
        const std::size_t end = text.find(part_separator);
        if (end == std::string_view::npos) {
            break;
        }
        parts.push_back(text.substr(0, end));
        text.remove_prefix(end + part_separator.size());
    }
    parts.push_back(text);
    return parts;
}

}  // namespace parity::fuzz
