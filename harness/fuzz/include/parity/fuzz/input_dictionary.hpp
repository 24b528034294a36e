#pragma once

// What the corpus's inputs hold at each place (by pattern, "/rows/*/city"): the numbers seen there, so
// that mutants probe ±1 around the thresholds real traffic uses, and a few values, to splice one
// request's value into another.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "parity/fuzz/json_text.hpp"

namespace parity::fuzz {

class InputDictionary {
  public:
    /// At most `per_place` distinct numbers and values are kept per pattern (the first seen).
    explicit InputDictionary(std::size_t per_place = 64) : per_place_(per_place) {}

    void add(const Input& input);

    /// Numbers seen at `pattern` (ints and floats as recorded), or empty.
    [[nodiscard]] const std::vector<Input>& numbers(const std::string& pattern) const;
    /// Values (any type) seen at `pattern`, or empty.
    [[nodiscard]] const std::vector<Input>& values(const std::string& pattern) const;

  private:
    void add_at(const Input& value, const std::string& pattern);
    static void keep(std::vector<Input>& kept, const Input& value, std::size_t limit);

    std::size_t per_place_;
    std::map<std::string, std::vector<Input>> numbers_;
    std::map<std::string, std::vector<Input>> values_;
};

}  // namespace parity::fuzz
