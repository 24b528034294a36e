#pragma once

// Small integer ids for array elements, equal exactly when the elements are exactly equal: array
// alignment and multiset matching then compare integers, not subtrees.
//
//     ElementIds ids;
//     ids.id_of(a) == ids.id_of(b)  // iff exactly_equal(a, b)

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace parity::diff {

class ElementIds {
  public:
    /// The id of `element` (which must outlive this object): 0, 1, 2, ... in order of first sight.
    [[nodiscard]] std::size_t id_of(const nlohmann::json& element);

    /// The ids of all elements of an array, in order.
    [[nodiscard]] std::vector<std::size_t> ids_of_elements(const nlohmann::json& array);

  private:
    struct Known {
        std::size_t id;
        const nlohmann::json* element;
    };
    std::unordered_multimap<std::uint64_t, Known> by_hash_;
    std::size_t next_id_ = 0;
};

}  // namespace parity::diff
