#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace parity::harness {

/// Now, as ISO-8601 UTC to the second: "2026-11-26T05:40:47Z" (report start and end times).
[[nodiscard]] std::string utc_timestamp();

/// Where a command writes its report folder by default: "reports/<name>-20261126T054047Z".
[[nodiscard]] std::filesystem::path timestamped_report_folder(std::string_view name);

}  // namespace parity::harness
