#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace parity::workers {

// Messages between the pool and its workers travel over a stream socket as frames: a 4-byte
// little-endian length, then that many bytes of MessagePack (json::to_msgpack, which keeps doubles
// bit for bit, NaN payloads included).

inline constexpr std::size_t frame_header_bytes = 4;
/// Larger frames are refused as corrupt rather than allocated.
inline constexpr std::uint32_t max_frame_bytes = std::uint32_t{1} << 30;

/// Sends one frame, blocking until written. Never raises SIGPIPE. Throws std::system_error
/// (e.g. EPIPE when the other side is gone).
void write_frame(int fd, const nlohmann::json& message);

/// Reads one frame, blocking. std::nullopt on end of file before a frame starts; throws
/// std::runtime_error on a truncated or oversized frame, std::system_error on a read error.
[[nodiscard]] std::optional<nlohmann::json> read_frame(int fd);

/// Frames read incrementally from a non-blocking descriptor, for the pool's poll loop.
class FrameReader {
  public:
    enum class Fill {
        more_data,    // a full chunk was read: more may be waiting
        drained,      // some bytes were read, and that was all there was
        would_block,  // nothing to read now
        end_of_file,  // the peer has closed its end
    };

    /// Reads what is available now, up to a chunk.
    Fill fill(int fd);
    /// The next complete frame, if one has arrived. Throws std::runtime_error on an oversized frame.
    [[nodiscard]] std::optional<nlohmann::json> next();
    void clear() noexcept;

  private:
    std::vector<std::uint8_t> buffer_;
    std::size_t consumed_ = 0;
};

}  // namespace parity::workers
