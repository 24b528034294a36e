#include "framing.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

namespace parity::workers {
namespace {

constexpr std::size_t read_chunk_bytes = 64 * 1024;

std::uint32_t decode_length(const std::uint8_t* header) {
    std::uint32_t length = 0;
    for (std::size_t i = 0; i < frame_header_bytes; ++i) {
        length |= static_cast<std::uint32_t>(header[i]) << (8 * i);
    }
    if (length > max_frame_bytes) {
        throw std::runtime_error("frame of " + std::to_string(length) + " bytes exceeds the limit");
    }
    return length;
}

void send_all(int fd, const std::uint8_t* data, std::size_t size) {
    while (size > 0) {
        // MSG_NOSIGNAL: a peer that died must be an EPIPE here, not a SIGPIPE killing this process.
        const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::system_error(errno, std::generic_category(), "send");
        }
        data += sent;
        size -= static_cast<std::size_t>(sent);
    }
}

/// Reads exactly `size` bytes; false on end of file before the first byte.
bool read_exactly(int fd, std::uint8_t* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::system_error(errno, std::generic_category(), "read");
        }
        if (got == 0) {
            if (done == 0) {
                return false;
            }
            throw std::runtime_error("connection closed in the middle of a frame");
        }
        done += static_cast<std::size_t>(got);
    }
    return true;
}

}  // namespace

void write_frame(int fd, const nlohmann::json& message) {
    std::vector<std::uint8_t> bytes(frame_header_bytes);
    nlohmann::json::to_msgpack(message, bytes);
    const std::size_t payload = bytes.size() - frame_header_bytes;
    if (payload > max_frame_bytes) {
        throw std::runtime_error("message of " + std::to_string(payload) + " bytes exceeds the frame limit");
    }
    for (std::size_t i = 0; i < frame_header_bytes; ++i) {
        bytes[i] = static_cast<std::uint8_t>(payload >> (8 * i));
    }
    send_all(fd, bytes.data(), bytes.size());
}

std::optional<nlohmann::json> read_frame(int fd) {
    std::uint8_t header[frame_header_bytes];
    if (!read_exactly(fd, header, frame_header_bytes)) {
        return std::nullopt;
    }
    std::vector<std::uint8_t> payload(decode_length(header));
    if (!payload.empty() && !read_exactly(fd, payload.data(), payload.size())) {
        throw std::runtime_error("connection closed in the middle of a frame");
    }
    return nlohmann::json::from_msgpack(payload);
}

FrameReader::Fill FrameReader::fill(int fd) {
    // Compact first, so the buffer does not grow without bound over many frames.
    if (consumed_ > 0) {
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
        consumed_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + read_chunk_bytes);
    for (;;) {
        const ssize_t got = ::recv(fd, buffer_.data() + old_size, read_chunk_bytes, MSG_DONTWAIT);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            buffer_.resize(old_size);
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return Fill::would_block;
            }
            // ECONNRESET and the like: the worker is gone, as with end of file.
            return Fill::end_of_file;
        }
        buffer_.resize(old_size + static_cast<std::size_t>(got));
        if (got == 0) {
            return Fill::end_of_file;
        }
        // A short read means the socket is empty: saves the recv() that would say EAGAIN.
        return static_cast<std::size_t>(got) == read_chunk_bytes ? Fill::more_data : Fill::drained;
    }
}

std::optional<nlohmann::json> FrameReader::next() {
    const std::size_t available = buffer_.size() - consumed_;
    if (available < frame_header_bytes) {
        return std::nullopt;
    }
    const std::uint8_t* start = buffer_.data() + consumed_;
    const std::uint32_t length = decode_length(start);
    if (available - frame_header_bytes < length) {
        return std::nullopt;
    }
    const std::uint8_t* payload = start + frame_header_bytes;
    consumed_ += frame_header_bytes + length;
    return nlohmann::json::from_msgpack(payload, payload + length);
}

void FrameReader::clear() noexcept {
    buffer_.clear();
    consumed_ = 0;
}

}  // namespace parity::workers
