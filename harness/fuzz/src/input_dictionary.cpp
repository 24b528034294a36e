#include "parity/fuzz/input_dictionary.hpp"

#include <algorithm>

#include "parity/diff/json_pointer.hpp"

namespace parity::fuzz {
namespace {

/// Values larger than this (as compact JSON) are not kept for splicing: a dictionary of whole
/// requests would copy the corpus.
constexpr std::size_t max_spliced_bytes = 4096;

const std::vector<Input> none;

}  // namespace

void InputDictionary::keep(std::vector<Input>& kept, const Input& value, std::size_t limit) {
    if (kept.size() >= limit || std::find(kept.begin(), kept.end(), value) != kept.end()) {
        return;
    }
    kept.push_back(value);
}

void InputDictionary::add_at(const Input& value, const std::string& pattern) {
    if (value.is_number()) {
        keep(numbers_[pattern], value, per_place_);
    }
    if (!pattern.empty() && (value.is_primitive() || python_json_text(value).size() <= max_spliced_bytes)) {
        keep(values_[pattern], value, per_place_);
    }
    if (value.is_object()) {
        for (const auto& [key, element] : value.items()) {
            std::string child = pattern;
            diff::append_pointer_token(child, key);
            add_at(element, child);
        }
    } else if (value.is_array()) {
        for (const auto& element : value) {
            add_at(element, pattern + "/*");
        }
    }
}

void InputDictionary::add(const Input& input) {
    add_at(input, "");
}

const std::vector<Input>& InputDictionary::numbers(const std::string& pattern) const {
    const auto found = numbers_.find(pattern);
    return found == numbers_.end() ? none : found->second;
}

const std::vector<Input>& InputDictionary::values(const std::string& pattern) const {
    const auto found = values_.find(pattern);
    return found == values_.end() ? none : found->second;
}

}  // namespace parity::fuzz
