#pragma once

// SHA-256 (FIPS 180-4), streamed: the content hash of values too large to send or write in full.
//
//     Sha256 hash;
//     hash.update("abc");
//     hash.hex_digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace parity::bounds {

class Sha256 {
  public:
    Sha256() noexcept;

    void update(std::string_view bytes) noexcept;
    /// The digest as 64 lower-case hex digits. Ends the hash: call once.
    [[nodiscard]] std::string hex_digest();

  private:
    void compress(const unsigned char* block) noexcept;

    std::array<std::uint32_t, 8> state_{};
    std::array<unsigned char, 64> block_{};
    std::size_t block_used_ = 0;
    std::uint64_t total_bytes_ = 0;
};

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace parity::bounds
