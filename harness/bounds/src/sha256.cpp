#include "parity/bounds/sha256.hpp"

#include <bit>
#include <cstring>

namespace parity::bounds {
namespace {

constexpr std::array<std::uint32_t, 64> round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::array<std::uint32_t, 8> initial_state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::size_t block_bytes = 64;
constexpr std::size_t length_bytes = 8;
constexpr unsigned char padding_start = 0x80;
constexpr int bits_per_byte = 8;

std::uint32_t load_big_endian(const unsigned char* bytes) noexcept {
    return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
           (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
}

}  // namespace

Sha256::Sha256() noexcept : state_(initial_state) {}

void Sha256::compress(const unsigned char* block) noexcept {
    std::array<std::uint32_t, 64> schedule{};
    for (std::size_t i = 0; i < 16; ++i) {
        schedule[i] = load_big_endian(block + 4 * i);
    }
    for (std::size_t i = 16; i < 64; ++i) {
        const std::uint32_t s0 =
            std::rotr(schedule[i - 15], 7) ^ std::rotr(schedule[i - 15], 18) ^ (schedule[i - 15] >> 3);
        const std::uint32_t s1 =
            std::rotr(schedule[i - 2], 17) ^ std::rotr(schedule[i - 2], 19) ^ (schedule[i - 2] >> 10);
        schedule[i] = schedule[i - 16] + s0 + schedule[i - 7] + s1;
    }
    auto [a, b, c, d, e, f, g, h] = state_;
    for (std::size_t i = 0; i < 64; ++i) {
        const std::uint32_t sum1 = std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25);
        const std::uint32_t choice = (e & f) ^ (~e & g);
        const std::uint32_t t1 = h + sum1 + choice + round_constants[i] + schedule[i];
        const std::uint32_t sum0 = std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22);
        const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = sum0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    const std::array<std::uint32_t, 8> added = {a, b, c, d, e, f, g, h};
    for (std::size_t i = 0; i < state_.size(); ++i) {
        state_[i] += added[i];
    }
}

void Sha256::update(std::string_view bytes) noexcept {
    total_bytes_ += bytes.size();
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t left = bytes.size();
    if (block_used_ > 0) {
        const std::size_t taken = std::min(left, block_bytes - block_used_);
        std::memcpy(block_.data() + block_used_, data, taken);
        block_used_ += taken;
        data += taken;
        left -= taken;
        if (block_used_ < block_bytes) {
            return;
        }
        compress(block_.data());
        block_used_ = 0;
    }
    for (; left >= block_bytes; left -= block_bytes, data += block_bytes) {
        compress(data);
    }
    std::memcpy(block_.data(), data, left);
    block_used_ = left;
}

std::string Sha256::hex_digest() {
    const std::uint64_t total_bits = total_bytes_ * bits_per_byte;
    block_[block_used_++] = padding_start;
    if (block_used_ > block_bytes - length_bytes) {
        std::memset(block_.data() + block_used_, 0, block_bytes - block_used_);
        compress(block_.data());
        block_used_ = 0;
    }
    std::memset(block_.data() + block_used_, 0, block_bytes - length_bytes - block_used_);
    for (std::size_t i = 0; i < length_bytes; ++i) {
        block_[block_bytes - 1 - i] = static_cast<unsigned char>(total_bits >> (bits_per_byte * i));
    }
    compress(block_.data());
    constexpr std::string_view hex_digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * 4 * state_.size());
    for (const std::uint32_t word : state_) {
        for (int shift = 28; shift >= 0; shift -= 4) {
            hex.push_back(hex_digits[(word >> shift) & 0xF]);
        }
    }
    return hex;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

}  // namespace parity::bounds
