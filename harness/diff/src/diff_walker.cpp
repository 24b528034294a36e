#include "diff_walker.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "exact_equality.hpp"
#include "float_tolerance.hpp"
#include "json_type.hpp"
#include "parity/bounds/json_copy.hpp"
#include "parity/diff/json_pointer.hpp"
#include "summary_comparison.hpp"
#include "unicode_forms.hpp"
#include "value_text.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

/// Room for the decimal digits of any std::size_t.
constexpr std::size_t index_digits = 24;

class IndexText {
  public:
    explicit IndexText(std::size_t index) {
        end_ = std::to_chars(digits_.data(), digits_.data() + digits_.size(), index).ptr;
    }
    [[nodiscard]] std::string_view view() const {
        return {digits_.data(), static_cast<std::size_t>(end_ - digits_.data())};
    }

  private:
    std::array<char, index_digits> digits_{};
    char* end_ = nullptr;
};

/// Scalars exactly equal: such a pair needs no visit (no rule can make equal values differ).
bool trivially_equal(const json* reference, const json* candidate) {
    return reference != nullptr && candidate != nullptr && !reference->is_structured() &&
           !candidate->is_structured() && exactly_equal(*reference, *candidate);
}

std::string versus(const json& reference, const json& candidate, bool ascii = false) {
    return value_text(reference, ascii) + " vs " + value_text(candidate, ascii);
}

}  // namespace

DiffWalker::DiffWalker(const Rules& rules, std::size_t max_differences)
    : rules_(rules), rule_count_(rules.patterns().size()), max_differences_(max_differences) {
    root_states_.reserve(rule_count_);
    for (const PathPattern& pattern : rules.patterns()) {
        root_states_.push_back(pattern.initial_state());
    }
}

DiffWalker::DiffWalker(const Rules& rules, std::vector<PathPattern::State> root_states,
                       std::size_t probe_nesting)
    : rules_(rules),
      rule_count_(rules.patterns().size()),
      max_differences_(1),
      root_states_(std::move(root_states)),
      probe_nesting_(probe_nesting),
      probing_(true) {}

void DiffWalker::walk(const json& reference, const json& candidate) {
    pending_.clear();
    Task root;
    root.reference = &reference;
    root.candidate = &candidate;
    pending_.push_back(root);
    while (!pending_.empty() && !stopped_) {
        const Task task = pending_.back();
        pending_.pop_back();
        visit(task);
    }
}

void DiffWalker::enter(const Task& task) {
    const std::size_t depth = task.depth;
    if (depth == 0) {
        pointer_.clear();
        candidate_pointer_.clear();
        pattern_.clear();
        levels_.assign(1, Level{});
        states_ = root_states_;
        return;
    }
    const Level& parent = levels_[depth - 1];
    pointer_.resize(parent.pointer);
    candidate_pointer_.resize(parent.candidate_pointer);
    pattern_.resize(parent.pattern);

    if (task.is_index) {
        const IndexText reference_index(task.reference != nullptr ? task.reference_index
                                                                  : task.candidate_index);
        const IndexText candidate_index(task.candidate != nullptr ? task.candidate_index
                                                                  : task.reference_index);
        pointer_ += '/';
        pointer_ += reference_index.view();
        candidate_pointer_ += '/';
        candidate_pointer_ += candidate_index.view();
        pattern_ += "/*";
        step_states(depth, reference_index.view());  // rules match the pointer's tokens
    } else {
        append_pointer_token(pointer_, task.key);
        candidate_pointer_.append(pointer_, parent.pointer);
        pattern_.append(pointer_, parent.pointer);
        step_states(depth, task.key);
    }
    levels_.resize(depth + 1);
    levels_[depth] = Level{pointer_.size(), candidate_pointer_.size(), pattern_.size()};
}

void DiffWalker::step_states(std::size_t depth, std::string_view token) {
    states_.resize((depth + 1) * rule_count_);
    for (std::size_t rule = 0; rule < rule_count_; ++rule) {
        states_[depth * rule_count_ + rule] =
            rules_.patterns()[rule].step(states_[(depth - 1) * rule_count_ + rule], token);
    }
}

Settings DiffWalker::current_settings() const {
    if (rule_count_ == 0) {
        return {};
    }
    return rules_.settings_for(&states_[(levels_.size() - 1) * rule_count_]);
}

void DiffWalker::visit(const Task& task) {
    enter(task);
    const Settings settings = current_settings();
    if (settings.ignore) {
        return;
    }
    const std::string note = task.note != 0 ? notes_[task.note - 1] : std::string();
    if (task.candidate == nullptr) {
        if (settings.null_equals_missing && !task.is_index && task.reference->is_null()) {
            return;
        }
        report(DifferenceKind::missing, task.reference, nullptr,
               note.empty() ? "absent from the candidate" : note);
        return;
    }
    if (task.reference == nullptr) {
        if (settings.null_equals_missing && !task.is_index && task.candidate->is_null()) {
            return;
        }
        report(DifferenceKind::extra, nullptr, task.candidate,
               note.empty() ? "absent from the reference" : note);
        return;
    }
    compare_present(*task.reference, *task.candidate, settings, task.depth);
}

void DiffWalker::compare_present(const json& reference, const json& candidate, const Settings& settings,
                                 std::size_t depth) {
    // A side sent as its summary (too deep or too large) is compared by hash; no rule reaches inside.
    if (auto summarised = compare_summaries(reference, candidate)) {
        if (summarised->differ) {
            report(summarised->kind, &reference, &candidate, std::move(summarised->detail));
        }
        return;
    }
    if (settings.float_tolerance && reference.is_number() && candidate.is_number()) {
        if (auto why = tolerance_violation(reference, candidate, *settings.float_tolerance)) {
            report(DifferenceKind::float_tolerance, &reference, &candidate,
                   versus(reference, candidate) + " (" + *why + ")");
        }
        return;
    }
    const JsonType type = json_type(reference);
    const JsonType candidate_type = json_type(candidate);
    if (type != candidate_type) {
        report(DifferenceKind::type, &reference, &candidate,
               versus(reference, candidate) + " (" + std::string(type_name(type)) + " vs " +
                   std::string(type_name(candidate_type)) + ")");
        return;
    }
    switch (type) {
        case JsonType::string:
            compare_strings(reference, candidate, settings);
            return;
        case JsonType::object:
            compare_objects(reference, candidate, depth);
            return;
        case JsonType::array:
            compare_arrays(reference, candidate, settings, depth);
            return;
        default:
            if (!exactly_equal(reference, candidate)) {
                report(DifferenceKind::value, &reference, &candidate, versus(reference, candidate));
            }
            return;
    }
}

void DiffWalker::compare_strings(const json& reference, const json& candidate, const Settings& settings) {
    const auto& left = reference.get_ref<const json::string_t&>();
    const auto& right = candidate.get_ref<const json::string_t&>();
    if (left == right) {
        return;
    }
    if (probing_) {  // the details below cost normalizations: a probe needs only "different"
        report(DifferenceKind::value, &reference, &candidate, {});
        return;
    }
    // Strings that differ only in normalization look alike: show them with \u escapes.
    if (settings.unicode && equal_under(left, right, *settings.unicode)) {
        report(DifferenceKind::unicode_normalization, &reference, &candidate,
               versus(reference, candidate, true) + " (equal under " +
                   std::string(to_string(*settings.unicode)) + ")");
        return;
    }
    // Never silently equal: without a rule (or under another form) it is a value difference,
    // with the form that would make them equal named.
    if (const std::optional<UnicodeForm> form = first_equalizing_form(left, right)) {
        std::string detail =
            versus(reference, candidate, true) + " (equal under " + std::string(to_string(*form));
        if (settings.unicode) {
            detail += ", not under the rule's " + std::string(to_string(*settings.unicode));
        }
        report(DifferenceKind::value, &reference, &candidate, detail + ")");
        return;
    }
    report(DifferenceKind::value, &reference, &candidate, versus(reference, candidate));
}

void DiffWalker::compare_objects(const json& reference, const json& candidate, std::size_t depth) {
    // Both are std::maps, sorted by key: merge them. Keys only in the candidate come after all of
    // the reference's (docs/diff-rules.md, walk order).
    const auto& left = reference.get_ref<const json::object_t&>();
    const auto& right = candidate.get_ref<const json::object_t&>();
    std::vector<const json::object_t::value_type*> extras;
    auto right_entry = right.begin();
    for (const auto& left_entry : left) {
        while (right_entry != right.end() && right_entry->first < left_entry.first) {
            extras.push_back(&*right_entry++);
        }
        if (right_entry != right.end() && right_entry->first == left_entry.first) {
            add_member(depth + 1, left_entry.first, &left_entry.second, &right_entry->second);
            ++right_entry;
        } else {
            add_member(depth + 1, left_entry.first, &left_entry.second, nullptr);
        }
    }
    for (; right_entry != right.end(); ++right_entry) {
        extras.push_back(&*right_entry);
    }
    for (const auto* extra : extras) {
        add_member(depth + 1, extra->first, nullptr, &extra->second);
    }
    schedule_children();
}

void DiffWalker::add_member(std::size_t depth, std::string_view key, const json* reference,
                            const json* candidate) {
    if (trivially_equal(reference, candidate)) {
        return;
    }
    Task task;
    task.reference = reference;
    task.candidate = candidate;
    task.depth = depth;
    task.key = key;
    children_.push_back(task);
}

void DiffWalker::add_element(std::size_t depth, const json* reference, std::size_t reference_index,
                             const json* candidate, std::size_t candidate_index, std::string note) {
    if (trivially_equal(reference, candidate)) {
        return;
    }
    Task task;
    task.reference = reference;
    task.candidate = candidate;
    task.depth = depth;
    task.reference_index = reference_index;
    task.candidate_index = candidate_index;
    task.is_index = true;
    if (!note.empty()) {
        notes_.push_back(std::move(note));
        task.note = notes_.size();
    }
    children_.push_back(task);
}

void DiffWalker::schedule_children() {
    pending_.insert(pending_.end(), children_.rbegin(), children_.rend());
    children_.clear();
}

void DiffWalker::report(DifferenceKind kind, const json* reference, const json* candidate,
                        std::string detail) {
    if (stopped_) {
        return;
    }
    if (max_differences_ != 0 && found_.size() == max_differences_) {
        if (!probing_) {
            found_.back().detail += "; stopped after " + std::to_string(max_differences_) + " differences";
        }
        stopped_ = true;
        return;
    }
    if (probing_) {
        // A probe only asks "any difference?": the first one settles it.
        found_.push_back(Difference{kind, {}, {}, {}, {}, {}, {}});
        stopped_ = true;
        return;
    }
    found_.push_back(Difference{kind, pointer_, pattern_,
                                reference != nullptr ? bounds::copy_json(*reference) : json(),
                                candidate != nullptr ? bounds::copy_json(*candidate) : json(),
                                std::move(detail), candidate_pointer_});
}

}  // namespace parity::diff
