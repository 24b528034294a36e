#include "parity/fuzz/input_nodes.hpp"

#include "parity/diff/json_pointer.hpp"
#include "parity/replay/corpus_reader.hpp"

namespace parity::fuzz {
namespace {

void collect(std::vector<InputNode>& nodes, InputNode node) {
    Input* value = node.value;
    const std::string pointer = node.pointer;
    const std::string pattern = node.pattern;
    nodes.push_back(std::move(node));
    if (value->is_object()) {
        for (auto& [key, element] : value->items()) {
            InputNode child{&element, value, key, 0, pointer, pattern};
            diff::append_pointer_token(child.pointer, key);
            diff::append_pointer_token(child.pattern, key);
            collect(nodes, std::move(child));
        }
    } else if (value->is_array()) {
        for (std::size_t i = 0; i < value->size(); ++i) {
            collect(nodes,
                    InputNode{&(*value)[i], value, {}, i, pointer + "/" + std::to_string(i), pattern + "/*"});
        }
    }
}

}  // namespace

std::vector<InputNode> input_nodes(Input& root) {
    std::vector<InputNode> nodes;
    collect(nodes, InputNode{&root, nullptr, {}, 0, {}, {}});
    return nodes;
}

bool is_fixture_reference(const Input& value) {
    return value.is_string() && replay::is_fixture_id(value.get_ref<const std::string&>());
}

}  // namespace parity::fuzz
