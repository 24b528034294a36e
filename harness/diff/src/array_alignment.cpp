#include "array_alignment.hpp"

#include <algorithm>
#include <cstdint>

#include "element_ids.hpp"

namespace parity::diff {
namespace {

using Ids = std::vector<std::size_t>;

struct Anchor {
    std::size_t reference;
    std::size_t candidate;
};

/// Anchors of a longest common subsequence of reference[r0, r1) and candidate[c0, c1), in order.
std::vector<Anchor> lcs_anchors(const Ids& reference, const Ids& candidate, std::size_t r0, std::size_t r1,
                                std::size_t c0, std::size_t c1) {
    const std::size_t rows = r1 - r0;
    const std::size_t columns = c1 - c0;
    // lengths[i][j]: LCS length of reference[r0 + i, r1) and candidate[c0 + j, c1) (suffixes, so the
    // walk below goes forwards).
    std::vector<std::uint32_t> lengths((rows + 1) * (columns + 1), 0);
    const auto at = [columns](std::size_t i, std::size_t j) { return i * (columns + 1) + j; };
    for (std::size_t i = rows; i-- > 0;) {
        for (std::size_t j = columns; j-- > 0;) {
            lengths[at(i, j)] = reference[r0 + i] == candidate[c0 + j]
                                    ? lengths[at(i + 1, j + 1)] + 1
                                    : std::max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
        }
    }
    std::vector<Anchor> anchors;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < rows && j < columns) {
        if (reference[r0 + i] == candidate[c0 + j]) {
            anchors.push_back({r0 + i, c0 + j});
            ++i;
            ++j;
        } else if (lengths[at(i + 1, j)] >= lengths[at(i, j + 1)]) {
            ++i;
        } else {
            ++j;
        }
    }
    return anchors;
}

/// The gap reference[r0, r1) / candidate[c0, c1) between anchors: pairs by position, then the rest.
void add_gap(std::size_t r0, std::size_t r1, std::size_t c0, std::size_t c1,
             std::vector<AlignedElements>& steps) {
    const std::size_t paired = std::min(r1 - r0, c1 - c0);
    for (std::size_t k = 0; k < paired; ++k) {
        steps.push_back({r0 + k, c0 + k});
    }
    for (std::size_t i = r0 + paired; i < r1; ++i) {
        steps.push_back({i, std::nullopt});
    }
    for (std::size_t j = c0 + paired; j < c1; ++j) {
        steps.push_back({std::nullopt, j});
    }
}

}  // namespace

std::vector<AlignedElements> align_elements(const nlohmann::json& reference, const nlohmann::json& candidate,
                                            std::size_t max_cells) {
    ElementIds element_ids;
    const Ids reference_ids = element_ids.ids_of_elements(reference);
    const Ids candidate_ids = element_ids.ids_of_elements(candidate);

    // A common prefix and suffix are anchors whatever the LCS: trimming them keeps the table small
    // (one dropped row needs no table at all).
    std::size_t prefix = 0;
    while (prefix < reference_ids.size() && prefix < candidate_ids.size() &&
           reference_ids[prefix] == candidate_ids[prefix]) {
        ++prefix;
    }
    std::size_t r1 = reference_ids.size();
    std::size_t c1 = candidate_ids.size();
    while (r1 > prefix && c1 > prefix && reference_ids[r1 - 1] == candidate_ids[c1 - 1]) {
        --r1;
        --c1;
    }

    std::vector<Anchor> anchors;
    const std::size_t rows = r1 - prefix;
    const std::size_t columns = c1 - prefix;
    if (rows > 0 && columns > 0 && rows * columns <= max_cells) {
        anchors = lcs_anchors(reference_ids, candidate_ids, prefix, r1, prefix, c1);
    }
    anchors.push_back({r1, c1});  // a sentinel closing the last gap

    std::vector<AlignedElements> steps;
    std::size_t r0 = prefix;
    std::size_t c0 = prefix;
    for (const Anchor& anchor : anchors) {
        add_gap(r0, anchor.reference, c0, anchor.candidate, steps);
        r0 = anchor.reference + 1;
        c0 = anchor.candidate + 1;
    }
    return steps;
}

}  // namespace parity::diff
