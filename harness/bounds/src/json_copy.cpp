#include "parity/bounds/json_copy.hpp"

#include <utility>
#include <vector>

namespace parity::bounds {
namespace {

using nlohmann::json;

/// A scalar itself, a container as an empty one of its kind (filled in later).
json shell_of(const json& value) {
    if (value.is_array()) {
        return json::array();
    }
    if (value.is_object()) {
        return json::object();
    }
    return value;
}

}  // namespace

json copy_json(const json& value) {
    json copy = shell_of(value);
    std::vector<std::pair<const json*, json*>> pending;
    if (value.is_structured()) {
        pending.emplace_back(&value, &copy);
    }
    while (!pending.empty()) {
        const auto [from, to] = pending.back();
        pending.pop_back();
        if (from->is_array()) {
            auto& elements = to->get_ref<json::array_t&>();
            elements.reserve(from->size());
            for (const json& element : *from) {
                elements.push_back(shell_of(element));
            }
            // Only now: the vector no longer moves its elements.
            for (std::size_t i = 0; i < from->size(); ++i) {
                if ((*from)[i].is_structured()) {
                    pending.emplace_back(&(*from)[i], &elements[i]);
                }
            }
            continue;
        }
        auto& members = to->get_ref<json::object_t&>();
        for (auto entry = from->items().begin(); entry != from->items().end(); ++entry) {
            json& member = members.emplace(entry.key(), shell_of(entry.value())).first->second;
            if (entry.value().is_structured()) {
                pending.emplace_back(&entry.value(), &member);  // map nodes never move
            }
        }
    }
    return copy;
}

}  // namespace parity::bounds
