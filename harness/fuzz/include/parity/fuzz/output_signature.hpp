#pragma once

// What a run's outcomes look like, as a set of features: the search keeps a mutant when it shows a
// feature no earlier run showed (a new error, a new decision value, a new shape, a new magnitude), so
// it goes where behaviour changes. Features of both paths count, each under its own name.

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parity/workers/job.hpp"

namespace parity::fuzz {

class FeatureSet {
  public:
    /// The features of one job's outcomes (64-bit FNV-1a hashes, the same on every machine). A string
    /// is a feature by its value while its field has shown few distinct values (a decision, a reason
    /// code, an error type); past that (names, echoed input) by its shape: length and character classes.
    [[nodiscard]] std::vector<std::uint64_t> features_of(const workers::JobResult& job);

    /// Adds the features; returns how many were new.
    std::size_t add(const std::vector<std::uint64_t>& features);
    [[nodiscard]] std::size_t size() const noexcept {
        return seen_.size();
    }

  private:
    std::unordered_set<std::uint64_t> seen_;
    std::unordered_map<std::uint64_t, std::unordered_set<std::uint64_t>> strings_by_field_;
};

}  // namespace parity::fuzz
