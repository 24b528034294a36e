#include "parity/replay/shard.hpp"

#include <charconv>

namespace parity::replay {

std::optional<Shard> Shard::parse(std::string_view text, std::string& error) {
    const auto slash = text.find('/');
    Shard shard;
    const auto parse_part = [](std::string_view part, std::uint32_t& value) {
        const auto [end, status] = std::from_chars(part.data(), part.data() + part.size(), value);
        return status == std::errc{} && end == part.data() + part.size() && !part.empty();
    };
    if (slash == std::string_view::npos || !parse_part(text.substr(0, slash), shard.index) ||
        !parse_part(text.substr(slash + 1), shard.count)) {
        error = "shard must be I/N with whole numbers, e.g. 1/4, got \"" + std::string(text) + "\"";
        return std::nullopt;
    }
    if (shard.count == 0 || shard.index == 0 || shard.index > shard.count) {
        error = "shard I/N needs 1 <= I <= N, got \"" + std::string(text) + "\"";
        return std::nullopt;
    }
    return shard;
}

}  // namespace parity::replay
