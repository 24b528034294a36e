#pragma once

#include <filesystem>
#include <string_view>

namespace parity::reports::detail {

/// Writes `content` to `path`, replacing it; throws std::runtime_error naming the file on failure.
void write_output_file(const std::filesystem::path& path, std::string_view content);

}  // namespace parity::reports::detail
