#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace parity::harness {

/// The whole content of a file, or nullopt if it cannot be opened or read; callers word the error
/// for their own input (manifest, policy, report).
///
///     const auto text = read_file_text("ci/gate-policy.json");
[[nodiscard]] std::optional<std::string> read_file_text(const std::filesystem::path& path);

}  // namespace parity::harness
