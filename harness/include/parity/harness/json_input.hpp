#pragma once

// Parsing a JSON file a user hands parity (a policy, a report) so that what nlohmann would accept
// silently or report without a place is an input error naming the file and the key.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace parity::harness {

/// The text is not a JSON document parity can trust. The message starts with the source's name and
/// says where the problem is: "ci/gate-policy.json: max_crashes: number out of range: 1e999".
class JsonInputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Parses `text` strictly, naming `source` in every error: malformed JSON (with nlohmann's line and
/// column), a number too large for a double (`1e999`, which nlohmann refuses without saying where),
/// and a key given twice in one object (which nlohmann would resolve silently by keeping the last).
///
///     const nlohmann::json policy = parity::harness::parse_json_input(text, "ci/gate-policy.json");
[[nodiscard]] nlohmann::json parse_json_input(std::string_view text, const std::string& source);

}  // namespace parity::harness
