#pragma once

// The fuzzer's random numbers: SplitMix64, so that a seed gives the same mutants on every machine and
// standard library (std::uniform_int_distribution's output is implementation-defined).

#include <cstddef>
#include <cstdint>

namespace parity::fuzz {

class Rng {
  public:
    explicit Rng(std::uint64_t seed) noexcept : state_(seed) {}

    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, bound); 0 when bound is 0. The modulo bias (< bound / 2^64) does not matter here.
    std::size_t below(std::size_t bound) noexcept {
        return bound == 0 ? 0 : static_cast<std::size_t>(next() % bound);
    }
    /// True with probability numerator / denominator.
    bool chance(std::size_t numerator, std::size_t denominator) noexcept {
        return below(denominator) < numerator;
    }
    template <class Container>
    auto& pick(Container& items) noexcept {
        return items[below(items.size())];
    }

  private:
    std::uint64_t state_;
};

}  // namespace parity::fuzz
