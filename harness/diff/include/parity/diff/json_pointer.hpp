#pragma once

// RFC 6901 JSON Pointers: escaping of reference tokens, splitting, and the wildcard pattern of a
// concrete pointer.
//
//     escape_pointer_token("a/b~c") == "a~1b~0c"
//     split_pointer("/a~1b/0") == {"a/b", "0"}
//     pointer_pattern("/3/score", nlohmann::json::parse(R"([0,1,2,{"score":1}])")) == "/*/score"

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace parity::diff {

/// One reference token: "~" becomes "~0", "/" becomes "~1".
[[nodiscard]] std::string escape_pointer_token(std::string_view key);

/// Appends "/" and the escaped token to `pointer` (what the diff walk does at each step).
void append_pointer_token(std::string& pointer, std::string_view key);

/// The inverse of escape_pointer_token. std::invalid_argument for a "~" not followed by 0 or 1.
[[nodiscard]] std::string unescape_pointer_token(std::string_view token);

/// The unescaped tokens of a pointer: "" -> {}, "/" -> {""}, "/a/0" -> {"a", "0"}.
/// std::invalid_argument if it is neither "" nor starts with "/", or has a bad escape.
[[nodiscard]] std::vector<std::string> split_pointer(std::string_view pointer);

/// `pointer` with every token that indexes an array of `document` replaced by "*" (as in
/// Difference::pattern). Tokens below the end of the document are kept as they are.
[[nodiscard]] std::string pointer_pattern(std::string_view pointer, const nlohmann::json& document);

}  // namespace parity::diff
