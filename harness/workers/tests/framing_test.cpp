#include "framing.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>

#include <catch2/catch.hpp>

using nlohmann::json;
using parity::workers::FrameReader;
using parity::workers::read_frame;
using parity::workers::write_frame;

namespace {

/// Both ends of a stream socket pair, closed at scope exit.
struct SocketPair {
    int left = -1;
    int right = -1;
    SocketPair() {
        int fds[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
        left = fds[0];
        right = fds[1];
    }
    SocketPair(const SocketPair&) = delete;
    SocketPair& operator=(const SocketPair&) = delete;
    ~SocketPair() {
        close_left();
        if (right >= 0) {
            ::close(right);
        }
    }
    void close_left() {
        if (left >= 0) {
            ::close(left);
        }
        left = -1;
    }
};

std::uint64_t bits(double value) {
    return std::bit_cast<std::uint64_t>(value);
}

}  // namespace

TEST_CASE("frames round-trip doubles bit for bit", "[workers][framing]") {
    const double payload_nan = std::bit_cast<double>(std::uint64_t{0x7ff8f80000000001});
    const std::vector<double> values{0.1,
                                     -0.0,
                                     1.5,
                                     payload_nan,
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::denorm_min(),
                                     std::numeric_limits<double>::max(),
                                     1e-310,
                                     0.30000000000000004};
    SocketPair pair;
    write_frame(pair.left, json{{"values", values},
                                {"big", std::numeric_limits<std::uint64_t>::max()},
                                {"min", std::numeric_limits<std::int64_t>::min()}});
    const auto received = read_frame(pair.right);
    REQUIRE(received);
    const auto& got = (*received)["values"];
    REQUIRE(got.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        INFO("value " << i << " sent " << values[i] << " received " << got[i].get<double>());
        CHECK(bits(got[i].get<double>()) == bits(values[i]));
    }
    CHECK((*received)["big"].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
    CHECK((*received)["min"].get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("read_frame reports end of file between frames", "[workers][framing]") {
    SocketPair pair;
    write_frame(pair.left, json{{"kind", "stop"}});
    pair.close_left();
    CHECK(read_frame(pair.right) == json{{"kind", "stop"}});
    CHECK_FALSE(read_frame(pair.right).has_value());
}

TEST_CASE("FrameReader assembles frames arriving in pieces, and large ones", "[workers][framing]") {
    SocketPair pair;
    const std::string large(300'000, 'x');
    // Written from a child process, as a worker would: the frame is larger than the socket buffer.
    const pid_t writer = ::fork();
    REQUIRE(writer >= 0);
    if (writer == 0) {
        write_frame(pair.left, json{{"first", 1}});
        write_frame(pair.left, json{{"large", large}});
        ::_exit(0);
    }
    pair.close_left();
    FrameReader reader;
    std::vector<json> frames;
    for (;;) {
        const auto fill = reader.fill(pair.right);
        while (auto frame = reader.next()) {
            frames.push_back(std::move(*frame));
        }
        if (fill == FrameReader::Fill::end_of_file) {
            break;
        }
    }
    REQUIRE(frames.size() == 2);
    CHECK(frames[0] == json{{"first", 1}});
    CHECK(frames[1]["large"].get<std::string>().size() == large.size());
}

TEST_CASE("FrameReader waits for the rest of a partial frame", "[workers][framing]") {
    SocketPair pair;
    std::vector<std::uint8_t> payload = json::to_msgpack(json{{"k", 1}});
    const auto size = static_cast<std::uint8_t>(payload.size());
    const std::uint8_t header[] = {size, 0, 0};
    REQUIRE(::write(pair.left, header, sizeof header) == sizeof header);
    FrameReader reader;
    CHECK(reader.fill(pair.right) == FrameReader::Fill::drained);
    CHECK_FALSE(reader.next().has_value());
    const std::uint8_t last_header_byte = 0;
    REQUIRE(::write(pair.left, &last_header_byte, 1) == 1);
    REQUIRE(::write(pair.left, payload.data(), payload.size()) == static_cast<ssize_t>(payload.size()));
    CHECK(reader.fill(pair.right) == FrameReader::Fill::drained);
    CHECK(reader.next() == json{{"k", 1}});
    CHECK(reader.fill(pair.right) == FrameReader::Fill::would_block);
}

TEST_CASE("writing to a closed peer is an error, not SIGPIPE", "[workers][framing]") {
    SocketPair pair;
    ::close(pair.right);
    pair.right = -1;
    CHECK_THROWS_AS(write_frame(pair.left, json{{"kind", "job"}}), std::system_error);
}
