#include "parity/replay/corpus_digest.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string_view>

namespace parity::replay {
namespace {

constexpr std::uint64_t fnv_offset_basis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t fnv_prime = 0x100000001b3ULL;
constexpr std::size_t read_block = 1 << 16;

class Fnv1a64 {
  public:
    void add(std::string_view bytes) noexcept {
        for (const char byte : bytes) {
            hash_ ^= static_cast<unsigned char>(byte);
            hash_ *= fnv_prime;
        }
    }

    /// A separator no segment name contains, so ("ab", "c") and ("a", "bc") hash apart.
    void end_field() noexcept {
        add(std::string_view("\0", 1));
    }

    [[nodiscard]] std::string hex() const {
        char text[17];
        std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
        return text;
    }

  private:
    std::uint64_t hash_ = fnv_offset_basis;
};

}  // namespace

std::string corpus_digest(const std::filesystem::path& corpus, const Manifest& manifest) {
    Fnv1a64 hash;
    std::array<char, read_block> block{};
    for (const auto& segment : manifest.segments) {
        hash.add(segment);
        hash.end_field();
        std::ifstream in(corpus / segment, std::ios::binary);
        if (!in) {
            hash.add("(missing)");  // the reader reports it; the digest only has to differ
            hash.end_field();
            continue;
        }
        std::uint64_t length = 0;
        while (in.read(block.data(), block.size()) || in.gcount() > 0) {
            const auto read = static_cast<std::size_t>(in.gcount());
            hash.add(std::string_view(block.data(), read));
            length += read;
        }
        hash.add(
            std::to_string(length));  // the content's end, so a segment's bytes cannot run into the next name
        hash.end_field();
    }
    return "fnv1a64-" + hash.hex();
}

}  // namespace parity::replay
