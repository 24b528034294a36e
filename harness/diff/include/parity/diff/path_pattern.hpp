#pragma once

// A rule's `path`: a JSON Pointer whose tokens may be "*" (exactly one token: any key or index) or
// "**" (zero or more tokens). Matched incrementally, one token at a time, as the diff walks down.
//
//     PathPattern pattern = PathPattern::parse("/*/normalized/**");
//     pattern.matches({"3", "normalized", "name"});  // true
//     pattern.matches({"3", "score"});               // false

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parity::diff {

class PathPattern {
  public:
    /// The patterns' matching state: bit i set when the first i tokens of the pattern have been
    /// matched. A bitmask keeps the walk allocation-free; hence the segment limit.
    using State = std::uint64_t;
    static constexpr std::size_t max_segments = 63;

    enum class SegmentKind { literal, any_one, any_many };
    struct Segment {
        SegmentKind kind = SegmentKind::literal;
        std::string literal;  // unescaped; only for SegmentKind::literal
    };

    /// "**" alone is short for "/**" (everywhere, the root included).
    /// std::invalid_argument for a pattern not "" or starting with "/", with a bad "~" escape, or with
    /// more than max_segments tokens. "~2a"-style escapes are errors; "*" and "**" have no escape:
    /// a rule cannot name a key that is literally "*".
    [[nodiscard]] static PathPattern parse(std::string_view pattern);

    /// The state before any token (the root).
    [[nodiscard]] State initial_state() const noexcept;
    /// The state after one more (unescaped) token.
    [[nodiscard]] State step(State state, std::string_view token) const noexcept;
    /// Whether the tokens stepped so far match the whole pattern.
    [[nodiscard]] bool accepts(State state) const noexcept;

    /// Whether the whole token list matches (the pattern applied to one pointer).
    [[nodiscard]] bool matches(const std::vector<std::string>& tokens) const;

    [[nodiscard]] const std::vector<Segment>& segments() const noexcept {
        return segments_;
    }

  private:
    /// Adds, for every reached position before a "**", the position after it ("**" matching nothing).
    [[nodiscard]] State close(State state) const noexcept;

    std::vector<Segment> segments_;
};

}  // namespace parity::diff
