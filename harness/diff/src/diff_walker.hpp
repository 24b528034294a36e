#pragma once

// The diff's walk over two documents at once, without recursion (an explicit stack of pending
// locations), so that depth costs heap, not stack. The pointer, candidate pointer and pattern of the
// current location, and every rule's matching state, are kept per depth and extended one token at
// a time.
//
//     DiffWalker walker(rules, 1000);
//     walker.walk(reference, candidate);
//     std::vector<Difference> found = walker.take_differences();

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/diff/difference.hpp"
#include "parity/diff/rules.hpp"

namespace parity::diff {

class DiffWalker {
  public:
    /// `max_differences` 0: no limit.
    DiffWalker(const Rules& rules, std::size_t max_differences);

    void walk(const nlohmann::json& reference, const nlohmann::json& candidate);

    [[nodiscard]] std::vector<Difference> take_differences() {
        return std::move(found_);
    }

  private:
    /// One location to compare: a null side is absent there (missing or extra).
    struct Task {
        const nlohmann::json* reference = nullptr;
        const nlohmann::json* candidate = nullptr;
        std::size_t depth = 0;
        std::string_view key;  // the object member's key, unless is_index
        std::size_t reference_index = 0;
        std::size_t candidate_index = 0;
        bool is_index = false;
        std::size_t note = 0;  // 1 + index into notes_ of a detail replacing the default; 0: none
    };
    /// The lengths of the location strings at one depth, to cut them back to when leaving it.
    struct Level {
        std::size_t pointer = 0;
        std::size_t candidate_pointer = 0;
        std::size_t pattern = 0;
    };

    /// A walker that only asks whether two elements are equal under the rules (see match_leftovers).
    DiffWalker(const Rules& rules, std::vector<PathPattern::State> root_states, std::size_t probe_nesting);

    void enter(const Task& task);
    /// Every rule's state at `depth`, from those at depth - 1 and the location's token.
    void step_states(std::size_t depth, std::string_view token);
    [[nodiscard]] Settings current_settings() const;
    void visit(const Task& task);
    void compare_present(const nlohmann::json& reference, const nlohmann::json& candidate,
                         const Settings& settings, std::size_t depth);
    void compare_strings(const nlohmann::json& reference, const nlohmann::json& candidate,
                         const Settings& settings);
    void compare_objects(const nlohmann::json& reference, const nlohmann::json& candidate, std::size_t depth);

    // Arrays (diff_walker_arrays.cpp).
    void compare_arrays(const nlohmann::json& reference, const nlohmann::json& candidate,
                        const Settings& settings, std::size_t depth);
    void compare_ordered(const nlohmann::json& reference, const nlohmann::json& candidate, std::size_t depth);
    void compare_unordered(const nlohmann::json& reference, const nlohmann::json& candidate,
                           std::size_t depth);
    void compare_keyed(const nlohmann::json& reference, const nlohmann::json& candidate,
                       const std::string& key, std::size_t depth);
    /// Pairs unmatched elements of an unordered array: first those equal under the rules, then the
    /// rest by position. Adds the children.
    void match_leftovers(const nlohmann::json& reference, const nlohmann::json& candidate,
                         const std::vector<std::size_t>& reference_left,
                         const std::vector<std::size_t>& candidate_left, std::size_t depth);
    [[nodiscard]] bool equal_under_rules(const nlohmann::json& reference, const nlohmann::json& candidate,
                                         std::size_t index, std::size_t depth) const;

    void add_member(std::size_t depth, std::string_view key, const nlohmann::json* reference,
                    const nlohmann::json* candidate);
    void add_element(std::size_t depth, const nlohmann::json* reference, std::size_t reference_index,
                     const nlohmann::json* candidate, std::size_t candidate_index, std::string note = {});
    /// Moves the children added since the last call onto the stack, so they are visited in order.
    void schedule_children();

    void report(DifferenceKind kind, const nlohmann::json* reference, const nlohmann::json* candidate,
                std::string detail);

    const Rules& rules_;
    std::size_t rule_count_;
    std::size_t max_differences_;
    std::vector<PathPattern::State> root_states_;  // every rule's state at the walk's root
    std::size_t probe_nesting_ = 0;                // how many equal_under_rules calls this walker is inside
    bool probing_ = false;                         // stop at the first difference, record no details

    std::vector<Task> pending_;
    std::vector<Task> children_;
    std::string pointer_;
    std::string candidate_pointer_;
    std::string pattern_;
    std::vector<Level> levels_;
    std::vector<PathPattern::State> states_;  // states_[depth * rule_count_ + rule]
    std::vector<std::string> notes_;
    std::vector<Difference> found_;
    bool stopped_ = false;
};

}  // namespace parity::diff
