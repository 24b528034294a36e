#pragma once

// What one path (the Python reference or the C++ port) produced for one request: a value, or an
// exception.
//
//     Outcome::output({{"score", 0.9}});
//     Outcome::error("ValueError", "empty name");  // value == {"type": "ValueError", "message": ...}

#include <string>

#include <nlohmann/json.hpp>

namespace parity::diff {

struct Outcome {
    bool is_error = false;
    /// The output; or, when is_error, {"type": "ValueError", "message": "..."}.
    nlohmann::json value;

    [[nodiscard]] static Outcome output(nlohmann::json value);
    [[nodiscard]] static Outcome error(std::string type, std::string message);

    /// The exception's type and message ("" if `value` lacks them); only meaningful when is_error.
    [[nodiscard]] std::string error_type() const;
    [[nodiscard]] std::string error_message() const;
};

}  // namespace parity::diff
