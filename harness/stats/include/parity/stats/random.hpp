#pragma once

#include <array>
#include <cstdint>

namespace parity::stats {

/// SplitMix64 (Steele, Lea & Flood 2014), used to expand one 64-bit seed into xoshiro's state, as
/// Vigna recommends. Fully specified integer arithmetic: the same sequence on every platform.
///
///     SplitMix64 mix(42); mix.next();  // always the same value for seed 42
class SplitMix64 {
  public:
    explicit constexpr SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

    constexpr std::uint64_t next() noexcept {
        state_ += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31U);
    }

  private:
    std::uint64_t state_;
};

/// xoshiro256** 1.0 (Blackman & Vigna 2018): the bootstrap's generator. Ours rather than <random>'s
/// engines plus distributions, because std::uniform_int_distribution's output is
/// implementation-defined and a fixed seed must give the same interval on every platform.
///
///     Xoshiro256StarStar rng(42); const auto index = uniform_index(rng, 100);  // in [0, 100)
class Xoshiro256StarStar {
  public:
    /// State from SplitMix64(seed), so that nearby seeds give unrelated streams.
    explicit constexpr Xoshiro256StarStar(std::uint64_t seed) noexcept : state_{} {
        SplitMix64 mix(seed);
        for (auto& word : state_) {
            word = mix.next();
        }
    }

    /// A raw state, for the reference test vectors. It must not be all zero.
    static constexpr Xoshiro256StarStar from_state(const std::array<std::uint64_t, 4>& state) noexcept {
        Xoshiro256StarStar generator(0);
        generator.state_ = state;
        return generator;
    }

    constexpr std::uint64_t next() noexcept {
        const std::uint64_t result = rotate_left(state_[1] * 5U, 7) * 9U;
        const std::uint64_t t = state_[1] << 17U;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotate_left(state_[3], 45);
        return result;
    }

  private:
    static constexpr std::uint64_t rotate_left(std::uint64_t x, int k) noexcept {
        return (x << k) | (x >> (64 - k));
    }

    std::array<std::uint64_t, 4> state_;
};

/// A uniformly distributed index in [0, bound), bound > 0, without modulo bias: draws below
/// 2^64 mod bound are rejected (at most one in two, on average far fewer), then reduced modulo bound.
///
///     uniform_index(rng, 6)  // a fair die face minus one
constexpr std::uint64_t uniform_index(Xoshiro256StarStar& generator, std::uint64_t bound) noexcept {
    // 2^64 mod bound, computed in 64 bits as (2^64 - bound) mod bound.
    const std::uint64_t rejected_below = (std::uint64_t{0} - bound) % bound;
    for (;;) {
        const std::uint64_t draw = generator.next();
        if (draw >= rejected_below) {
            return draw % bound;
        }
    }
}

/// A uniformly distributed double in [0, 1): the top 53 bits of one draw, scaled by 2^-53.
constexpr double uniform_unit(Xoshiro256StarStar& generator) noexcept {
    constexpr int mantissa_bits = 53;
    constexpr double two_to_minus_53 = 0x1.0p-53;
    return static_cast<double>(generator.next() >> (64 - mantissa_bits)) * two_to_minus_53;
}

}  // namespace parity::stats
