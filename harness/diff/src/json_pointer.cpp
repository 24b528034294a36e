#include "parity/diff/json_pointer.hpp"

#include <cstddef>
#include <stdexcept>

namespace parity::diff {

std::string escape_pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

void append_pointer_token(std::string& pointer, std::string_view key) {
    pointer += '/';
    // Most keys need no escape: append them in one go.
    if (key.find_first_of("~/") == std::string_view::npos) {
        pointer += key;
        return;
    }
    pointer += escape_pointer_token(key);
}

std::string unescape_pointer_token(std::string_view token) {
    std::string key;
    key.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] != '~') {
            key += token[i];
            continue;
        }
        const char next = i + 1 < token.size() ? token[i + 1] : '\0';
        if (next != '0' && next != '1') {
            throw std::invalid_argument("\"~\" must be followed by 0 (for ~) or 1 (for /) in \"" +
                                        std::string(token) + "\"");
        }
        key += next == '0' ? '~' : '/';
        ++i;
    }
    return key;
}

std::vector<std::string> split_pointer(std::string_view pointer) {
    std::vector<std::string> tokens;
    if (pointer.empty()) {
        return tokens;
    }
    if (pointer.front() != '/') {
        throw std::invalid_argument("a JSON Pointer is \"\" or starts with \"/\": \"" + std::string(pointer) +
                                    "\"");
    }
    std::size_t start = 1;
    while (true) {
        const std::size_t end = pointer.find('/', start);
        tokens.push_back(unescape_pointer_token(pointer.substr(start, end - start)));
        if (end == std::string_view::npos) {
            return tokens;
        }
        start = end + 1;
    }
}

std::string pointer_pattern(std::string_view pointer, const nlohmann::json& document) {
    std::string pattern;
    const nlohmann::json* node = &document;
    for (const std::string& token : split_pointer(pointer)) {
        if (node != nullptr && node->is_array()) {
            pattern += "/*";
            std::size_t index = 0;
            const bool is_index =
                !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
            if (is_index) {
                index = std::stoull(token);
            }
            node = is_index && index < node->size() ? &(*node)[index] : nullptr;
            continue;
        }
        append_pointer_token(pattern, token);
        if (node != nullptr && node->is_object()) {
            const auto found = node->find(token);
            node = found != node->end() ? &*found : nullptr;
        } else {
            node = nullptr;
        }
    }
    return pattern;
}

}  // namespace parity::diff
