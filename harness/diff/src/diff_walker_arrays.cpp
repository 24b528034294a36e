// DiffWalker's arrays: ordered (aligned when lengths differ), unordered (a multiset) and keyed_by.

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "array_alignment.hpp"
#include "diff_walker.hpp"
#include "element_ids.hpp"
#include "exact_equality.hpp"
#include "value_text.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

/// Unordered leftovers are paired by trying every pair (a sub-diff each) only up to this many pairs;
/// beyond, by position.
constexpr std::size_t max_probed_pairs = 4096;
/// Nor inside this many nested probes: an unordered rule on a deep document would otherwise try
/// pairs within pairs within pairs.
constexpr std::size_t max_probe_nesting = 4;

std::string element_count(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " element" : " elements");
}

/// Whether the elements of `reference` and `candidate` at `positions` are the same multiset.
bool same_elements_at(const json& reference, const json& candidate,
                      const std::vector<std::size_t>& positions) {
    ElementIds ids;
    std::vector<std::size_t> left;
    std::vector<std::size_t> right;
    left.reserve(positions.size());
    right.reserve(positions.size());
    for (const std::size_t position : positions) {
        left.push_back(ids.id_of(reference[position]));
        right.push_back(ids.id_of(candidate[position]));
    }
    std::ranges::sort(left);
    std::ranges::sort(right);
    return left == right;
}

/// How a keyed_by array's elements were keyed: the id of each element's key value, or why it has none.
struct KeyedSide {
    std::vector<std::optional<std::size_t>> key_ids;  // std::nullopt: unkeyable, see problems
    std::vector<std::string> problems;
    std::unordered_map<std::size_t, std::size_t> index_by_key;  // key id -> first element with it
    bool unkeyable = false;                                     // any element without a key id
};

KeyedSide key_elements(const json& array, const std::string& key, ElementIds& key_values,
                       const std::string& array_pointer) {
    KeyedSide side;
    side.key_ids.resize(array.size());
    side.problems.resize(array.size());
    const std::string quoted_key = json(key).dump(-1, ' ', false, json::error_handler_t::replace);
    for (std::size_t i = 0; i < array.size(); ++i) {
        const json& element = array[i];
        if (!element.is_object()) {
            side.problems[i] = "not an object, so not matched by " + quoted_key + " (array keyed_by)";
            side.unkeyable = true;
            continue;
        }
        const auto value = element.find(key);
        if (value == element.end()) {
            side.problems[i] = "has no " + quoted_key + " key, so not matched by it (array keyed_by)";
            side.unkeyable = true;
            continue;
        }
        const std::size_t id = key_values.id_of(*value);
        const auto [first, inserted] = side.index_by_key.emplace(id, i);
        if (!inserted) {
            side.problems[i] = "duplicate " + quoted_key + " " + value_text(*value) + " (also at " +
                               array_pointer + "/" + std::to_string(first->second) +
                               "), so not matched by it (array keyed_by)";
            side.unkeyable = true;
            continue;
        }
        side.key_ids[i] = id;
    }
    return side;
}

}  // namespace

void DiffWalker::compare_arrays(const json& reference, const json& candidate, const Settings& settings,
                                std::size_t depth) {
    const ArrayMode mode = settings.array != nullptr ? settings.array->mode : ArrayMode::ordered;
    switch (mode) {
        case ArrayMode::ordered:
            compare_ordered(reference, candidate, depth);
            break;
        case ArrayMode::unordered:
            compare_unordered(reference, candidate, depth);
            break;
        case ArrayMode::keyed:
            compare_keyed(reference, candidate, settings.array->key, depth);
            break;
    }
    schedule_children();
}

void DiffWalker::compare_ordered(const json& reference, const json& candidate, std::size_t depth) {
    const std::size_t size = reference.size();
    if (size == candidate.size()) {
        if (size == 1) {  // nothing to reorder: walk in (a deep chain of arrays is not re-compared per level)
            add_element(depth + 1, &reference[0], 0, &candidate[0], 0);
            return;
        }
        std::vector<std::size_t> unequal;
        for (std::size_t i = 0; i < size; ++i) {
            if (!exactly_equal(reference[i], candidate[i])) {
                unequal.push_back(i);
            }
        }
        // One unequal position cannot be a reordering.
        if (unequal.size() >= 2 && same_elements_at(reference, candidate, unequal)) {
            report(DifferenceKind::order, &reference, &candidate,
                   "same " + element_count(size) + " in a different order; first out of place at " +
                       pointer_ + "/" + std::to_string(unequal.front()));
            return;
        }
        for (const std::size_t i : unequal) {
            add_element(depth + 1, &reference[i], i, &candidate[i], i);
        }
        return;
    }
    report(DifferenceKind::array_length, &reference, &candidate,
           std::to_string(size) + " vs " + element_count(candidate.size()));
    for (const AlignedElements& step : align_elements(reference, candidate)) {
        add_element(depth + 1, step.reference ? &reference[*step.reference] : nullptr,
                    step.reference.value_or(0), step.candidate ? &candidate[*step.candidate] : nullptr,
                    step.candidate.value_or(0));
    }
}

void DiffWalker::compare_unordered(const json& reference, const json& candidate, std::size_t depth) {
    if (reference.size() == 1 && candidate.size() == 1) {  // one way to pair them: skip hashing subtrees
        add_element(depth + 1, &reference[0], 0, &candidate[0], 0);
        return;
    }
    ElementIds ids;
    const std::vector<std::size_t> reference_ids = ids.ids_of_elements(reference);
    const std::vector<std::size_t> candidate_ids = ids.ids_of_elements(candidate);
    // Candidate indices by element id, taken first to last.
    std::unordered_map<std::size_t, std::vector<std::size_t>> unused;
    for (std::size_t j = candidate.size(); j-- > 0;) {
        unused[candidate_ids[j]].push_back(j);
    }
    std::vector<std::size_t> reference_left;
    std::vector<bool> candidate_matched(candidate.size(), false);
    for (std::size_t i = 0; i < reference.size(); ++i) {
        auto found = unused.find(reference_ids[i]);
        if (found == unused.end() || found->second.empty()) {
            reference_left.push_back(i);
            continue;
        }
        candidate_matched[found->second.back()] = true;
        found->second.pop_back();
    }
    std::vector<std::size_t> candidate_left;
    for (std::size_t j = 0; j < candidate.size(); ++j) {
        if (!candidate_matched[j]) {
            candidate_left.push_back(j);
        }
    }
    match_leftovers(reference, candidate, reference_left, candidate_left, depth);
}

void DiffWalker::match_leftovers(const json& reference, const json& candidate,
                                 const std::vector<std::size_t>& reference_left,
                                 const std::vector<std::size_t>& candidate_left, std::size_t depth) {
    std::vector<std::optional<std::size_t>> partner(reference_left.size());
    std::vector<bool> taken(candidate_left.size(), false);
    // With one leftover on a side there is nothing to choose; a probe would only cost time.
    const bool probe = reference_left.size() >= 2 && candidate_left.size() >= 2 &&
                       reference_left.size() * candidate_left.size() <= max_probed_pairs &&
                       probe_nesting_ < max_probe_nesting;
    if (probe) {
        for (std::size_t a = 0; a < reference_left.size(); ++a) {
            for (std::size_t b = 0; b < candidate_left.size() && !partner[a]; ++b) {
                if (!taken[b] && equal_under_rules(reference[reference_left[a]], candidate[candidate_left[b]],
                                                   reference_left[a], depth)) {
                    partner[a] = b;
                    taken[b] = true;
                }
            }
        }
    }
    // The rest by position, in index order.
    std::size_t next_free = 0;
    for (std::size_t a = 0; a < reference_left.size(); ++a) {
        if (!partner[a]) {
            while (next_free < taken.size() && taken[next_free]) {
                ++next_free;
            }
            if (next_free < taken.size()) {
                partner[a] = next_free;
                taken[next_free] = true;
            }
        }
        const std::size_t i = reference_left[a];
        if (partner[a]) {
            const std::size_t j = candidate_left[*partner[a]];
            add_element(depth + 1, &reference[i], i, &candidate[j], j);
        } else {
            add_element(depth + 1, &reference[i], i, nullptr, 0);
        }
    }
    for (std::size_t b = 0; b < candidate_left.size(); ++b) {
        if (!taken[b]) {
            add_element(depth + 1, nullptr, 0, &candidate[candidate_left[b]], candidate_left[b]);
        }
    }
}

bool DiffWalker::equal_under_rules(const json& reference, const json& candidate, std::size_t index,
                                   std::size_t depth) const {
    // The rules' states at element `index` of the array at `depth`: the probe's root.
    std::vector<PathPattern::State> states(rule_count_);
    const std::string token = std::to_string(index);
    for (std::size_t rule = 0; rule < rule_count_; ++rule) {
        states[rule] = rules_.patterns()[rule].step(states_[depth * rule_count_ + rule], token);
    }
    DiffWalker probe(rules_, std::move(states), probe_nesting_ + 1);
    probe.walk(reference, candidate);
    return probe.found_.empty();
}

void DiffWalker::compare_keyed(const json& reference, const json& candidate, const std::string& key,
                               std::size_t depth) {
    ElementIds key_values;
    const KeyedSide left = key_elements(reference, key, key_values, pointer_);
    const KeyedSide right = key_elements(candidate, key, key_values, candidate_pointer_);
    // Unkeyable elements are reported, but not when the arrays are equal anyway (a rule that fits
    // badly is no parity difference). Checked only then: it walks both arrays whole.
    if ((left.unkeyable || right.unkeyable) && exactly_equal(reference, candidate)) {
        return;
    }
    const std::string quoted_key = json(key).dump(-1, ' ', false, json::error_handler_t::replace);
    std::vector<bool> candidate_matched(candidate.size(), false);
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (!left.key_ids[i]) {
            add_element(depth + 1, &reference[i], i, nullptr, 0, left.problems[i]);
            continue;
        }
        const auto found = right.index_by_key.find(*left.key_ids[i]);
        if (found == right.index_by_key.end() || !right.key_ids[found->second]) {
            add_element(
                depth + 1, &reference[i], i, nullptr, 0,
                "no element with " + quoted_key + " " + value_text(reference[i][key]) + " in the candidate");
            continue;
        }
        const std::size_t j = found->second;
        candidate_matched[j] = true;
        add_element(depth + 1, &reference[i], i, &candidate[j], j);
    }
    for (std::size_t j = 0; j < candidate.size(); ++j) {
        if (candidate_matched[j]) {
            continue;
        }
        add_element(depth + 1, nullptr, 0, &candidate[j], j,
                    right.key_ids[j] ? "no element with " + quoted_key + " " + value_text(candidate[j][key]) +
                                           " in the reference"
                                     : right.problems[j]);
    }
}

}  // namespace parity::diff
