#include "element_ids.hpp"

#include "exact_equality.hpp"

namespace parity::diff {

std::size_t ElementIds::id_of(const nlohmann::json& element) {
    const std::uint64_t hash = exact_hash(element);
    const auto [first, last] = by_hash_.equal_range(hash);
    for (auto known = first; known != last; ++known) {
        if (exactly_equal(*known->second.element, element)) {
            return known->second.id;
        }
    }
    const std::size_t id = next_id_++;
    by_hash_.emplace(hash, Known{id, &element});
    return id;
}

std::vector<std::size_t> ElementIds::ids_of_elements(const nlohmann::json& array) {
    std::vector<std::size_t> ids;
    ids.reserve(array.size());
    for (const nlohmann::json& element : array) {
        ids.push_back(id_of(element));
    }
    return ids;
}

}  // namespace parity::diff
