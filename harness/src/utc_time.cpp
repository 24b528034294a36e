#include "parity/harness/utc_time.hpp"

#include <ctime>

namespace parity::harness {
namespace {

std::string utc_now(const char* format) {
    const std::time_t seconds = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

}  // namespace

std::string utc_timestamp() {
    return utc_now("%Y-%m-%dT%H:%M:%SZ");
}

std::filesystem::path timestamped_report_folder(std::string_view name) {
    return std::filesystem::path("reports") / (std::string(name) + "-" + utc_now("%Y%m%dT%H%M%SZ"));
}

}  // namespace parity::harness
