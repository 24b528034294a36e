#include "parity/bounds/bound_value.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "parity/bounds/canonical_text.hpp"
#include "parity/bounds/json_copy.hpp"
#include "parity/bounds/value_summary.hpp"

namespace parity::bounds {
namespace {

using nlohmann::json;

constexpr unsigned char first_printable = 0x20;
constexpr std::uint64_t escaped_control_bytes = 6;  // \u00XX

/// The canonical text's length of a string, without writing it.
std::uint64_t string_size(std::string_view text) {
    std::uint64_t size = 2;
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            size += 2;
        } else if (static_cast<unsigned char>(c) < first_printable) {
            size += escaped_control_bytes;
        } else {
            ++size;
        }
    }
    return size;
}

std::uint64_t scalar_size(const json& value) {
    return value.is_string() ? string_size(value.get_ref<const json::string_t&>())
                             : canonical_scalar(value).size();
}

/// What the first pass learns of each container, in the order the containers are met (pre-order).
struct ContainerInfo {
    std::uint64_t size = 0;      // canonical text bytes
    std::size_t height = 0;      // containers nested in it, itself included: [] is 1, [[]] is 2
    std::size_t containers = 0;  // containers in it, itself included
};

/// Pass one: every container's size, height and count, without recursion.
std::vector<ContainerInfo> measure(const json& root) {
    struct Frame {
        const json* container;
        json::const_iterator next;
        std::size_t index;
        ContainerInfo info;
    };
    std::vector<ContainerInfo> infos;
    std::vector<Frame> stack;
    const auto open = [&](const json& container) {
        stack.push_back(Frame{&container, container.cbegin(), infos.size(), ContainerInfo{1, 1, 1}});
        infos.emplace_back();
    };
    open(root);
    while (!stack.empty()) {
        Frame& frame = stack.back();
        if (frame.next == frame.container->cend()) {
            ContainerInfo done = frame.info;
            done.size += 1;  // the closing bracket
            infos[frame.index] = done;
            stack.pop_back();
            if (!stack.empty()) {
                ContainerInfo& parent = stack.back().info;
                parent.size += done.size;
                parent.height = std::max(parent.height, done.height + 1);
                parent.containers += done.containers;
            }
            continue;
        }
        if (frame.next != frame.container->cbegin()) {
            frame.info.size += 1;  // the comma
        }
        const auto member = frame.next++;
        if (frame.container->is_object()) {
            frame.info.size += string_size(member.key()) + 1;
        }
        if (member->is_structured()) {
            open(*member);  // `frame` is not used after this
        } else {
            frame.info.size += scalar_size(*member);
        }
    }
    return infos;
}

/// Pass two: builds the bounded value top down.
class Bounder {
  public:
    Bounder(const ValueBounds& bounds, std::vector<ContainerInfo> infos)
        : bounds_(bounds), infos_(std::move(infos)) {}

    Bounded run(const json& root) {
        Bounded result;
        place(root, result.value, 0, bounds_.max_bytes);
        while (!stack_.empty()) {
            step();
        }
        result.depth_hits = depth_hits_;
        result.size_hits = size_hits_;
        return result;
    }

  private:
    struct Frame {
        const json* container;
        json* out;
        json::const_iterator next;
        std::size_t depth;                  // of the container
        std::uint64_t left;                 // budget left for the members to come (and their separators)
        std::uint64_t reserved;             // the least the members to come need: a summary each
        std::uint64_t used;                 // canonical bytes written so far, brackets included
        std::uint64_t member_overhead = 0;  // of the member being placed: comma and key
    };

    /// The least a member needs: its key, a comma, and room for a summary.
    static std::uint64_t least_for(const json& container, const json::const_iterator& member) {
        const std::uint64_t key = container.is_object() ? string_size(member.key()) + 1 : 0;
        return key + 1 + max_summary_bytes;
    }

    std::uint64_t summarise_into(const json& value, json& out, bool for_depth) {
        ++(for_depth ? depth_hits_ : size_hits_);
        if (value.is_structured()) {
            cursor_ += infos_[cursor_].containers;
        }
        out = summary_json(summarise(value));
        return canonical_size(out);
    }

    /// Writes `value` (at `depth`, given `allowance` bytes) into `out`; returns the bytes it took, or
    /// 0 when it was opened (its frame reports them when it closes).
    std::uint64_t place(const json& value, json& out, std::size_t depth, std::uint64_t allowance) {
        if (!value.is_structured()) {
            const std::uint64_t size = scalar_size(value);
            if (size <= allowance || !value.is_string()) {
                out = value;
                return size;
            }
            return summarise_into(value, out, false);
        }
        const ContainerInfo& info = infos_[cursor_];
        if (depth + info.height <= bounds_.max_depth && info.size <= allowance) {
            cursor_ += info.containers;
            out = copy_json(value);
            return info.size;
        }
        if (depth >= bounds_.max_depth) {
            return summarise_into(value, out, true);
        }
        std::uint64_t reserved = 0;
        for (auto member = value.cbegin(); member != value.cend(); ++member) {
            reserved += least_for(value, member);
        }
        if (reserved + 2 > allowance) {
            return summarise_into(value, out, info.size <= allowance);
        }
        ++cursor_;
        out = value.is_array() ? json::array() : json::object();
        if (value.is_array()) {
            out.get_ref<json::array_t&>().reserve(value.size());
        }
        stack_.push_back(Frame{&value, &out, value.cbegin(), depth, allowance - 2, reserved, 2});
        return 0;
    }

    void step() {
        Frame& frame = stack_.back();
        if (frame.next == frame.container->cend()) {
            const std::uint64_t used = frame.used;
            stack_.pop_back();
            if (!stack_.empty()) {
                account(stack_.back(), used);
            }
            return;
        }
        const auto member = frame.next++;
        const std::uint64_t least = least_for(*frame.container, member);
        frame.reserved -= least;
        const bool first = member == frame.container->cbegin();
        const std::uint64_t overhead =
            (first ? 0 : 1) + (frame.container->is_object() ? string_size(member.key()) + 1 : 0);
        const std::uint64_t allowance = frame.left - frame.reserved - overhead;
        frame.member_overhead = overhead;
        json* slot = nullptr;
        if (frame.container->is_array()) {
            slot = &frame.out->get_ref<json::array_t&>().emplace_back();
        } else {
            slot = &frame.out->get_ref<json::object_t&>()[member.key()];
        }
        const std::size_t depth = frame.depth + 1;
        const std::size_t frames = stack_.size();
        const std::uint64_t used = place(*member, *slot, depth, allowance);  // may push a frame
        if (stack_.size() == frames) {
            account(stack_.back(), used);
        }
    }

    /// A member of the innermost open container took `used` bytes.
    static void account(Frame& frame, std::uint64_t used) {
        const std::uint64_t taken = frame.member_overhead + used;
        frame.left -= std::min(frame.left, taken);
        frame.used += taken;
    }

    const ValueBounds& bounds_;
    std::vector<ContainerInfo> infos_;
    std::size_t cursor_ = 0;  // the next container's index in infos_
    std::vector<Frame> stack_;
    std::uint64_t depth_hits_ = 0;
    std::uint64_t size_hits_ = 0;
};

bool within(const std::vector<ContainerInfo>& infos, const json& value, const ValueBounds& bounds) {
    if (!value.is_structured()) {
        return scalar_size(value) <= bounds.max_bytes || !value.is_string();
    }
    return infos.front().height <= bounds.max_depth && infos.front().size <= bounds.max_bytes;
}

std::vector<ContainerInfo> measured(const json& value) {
    return value.is_structured() ? measure(value) : std::vector<ContainerInfo>{};
}

}  // namespace

Bounded bound_value(const json& value, const ValueBounds& bounds) {
    std::vector<ContainerInfo> infos = measured(value);
    if (within(infos, value, bounds)) {
        return Bounded{copy_json(value), 0, 0};
    }
    return Bounder(bounds, std::move(infos)).run(value);
}

Bounded bound_value(json&& value, const ValueBounds& bounds) {
    std::vector<ContainerInfo> infos = measured(value);
    if (within(infos, value, bounds)) {
        return Bounded{std::move(value), 0, 0};
    }
    return Bounder(bounds, std::move(infos)).run(value);
}

}  // namespace parity::bounds
