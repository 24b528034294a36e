#include "parity/diff/path_pattern.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "parity/diff/json_pointer.hpp"

namespace parity::diff {
namespace {

constexpr PathPattern::State bit(std::size_t position) noexcept {
    return PathPattern::State{1} << position;
}

}  // namespace

PathPattern PathPattern::parse(std::string_view pattern) {
    if (pattern == "**") {  // "everywhere", as written in rules files: the same as "/**"
        pattern = "/**";
    }
    if (!pattern.empty() && pattern.front() != '/') {
        throw std::invalid_argument("a path is \"\" (the root), \"**\" (everywhere) or starts with \"/\"");
    }
    PathPattern parsed;
    std::size_t start = 1;
    while (start <= pattern.size() && !pattern.empty()) {
        const std::size_t end = std::min(pattern.find('/', start), pattern.size());
        const std::string_view token = pattern.substr(start, end - start);
        Segment segment;
        if (token == "*") {
            segment.kind = SegmentKind::any_one;
        } else if (token == "**") {
            segment.kind = SegmentKind::any_many;
        } else {
            segment.literal = unescape_pointer_token(token);
        }
        parsed.segments_.push_back(std::move(segment));
        start = end + 1;
    }
    if (parsed.segments_.size() > max_segments) {
        throw std::invalid_argument("a path has at most " + std::to_string(max_segments) + " tokens");
    }
    return parsed;
}

PathPattern::State PathPattern::close(State state) const noexcept {
    // Positions only move forward, so one pass in order reaches everything.
    for (std::size_t i = 0; i < segments_.size(); ++i) {
        if ((state & bit(i)) != 0 && segments_[i].kind == SegmentKind::any_many) {
            state |= bit(i + 1);
        }
    }
    return state;
}

PathPattern::State PathPattern::initial_state() const noexcept {
    return close(bit(0));
}

PathPattern::State PathPattern::step(State state, std::string_view token) const noexcept {
    State next = 0;
    for (std::size_t i = 0; state != 0 && i < segments_.size(); ++i) {
        if ((state & bit(i)) == 0) {
            continue;
        }
        const Segment& segment = segments_[i];
        switch (segment.kind) {
            case SegmentKind::literal:
                if (segment.literal == token) {
                    next |= bit(i + 1);
                }
                break;
            case SegmentKind::any_one:
                next |= bit(i + 1);
                break;
            case SegmentKind::any_many:
                next |= bit(i);  // "**" takes this token and may take more
                break;
        }
    }
    return close(next);
}

bool PathPattern::accepts(State state) const noexcept {
    return (state & bit(segments_.size())) != 0;
}

bool PathPattern::matches(const std::vector<std::string>& tokens) const {
    State state = initial_state();
    for (const std::string& token : tokens) {
        state = step(state, token);
    }
    return accepts(state);
}

}  // namespace parity::diff
