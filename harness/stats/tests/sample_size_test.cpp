#include <catch2/catch.hpp>

#include "parity/stats/significance.hpp"

using parity::stats::minimum_samples;
using parity::stats::sample_size_warning;

TEST_CASE("small samples are warned about") {
    CHECK(sample_size_warning(12) ==
          "only 12 paired samples: percentiles above p90 and their intervals are unreliable below 20");
    CHECK(sample_size_warning(1) ==
          "only 1 paired sample: percentiles above p90 and their intervals are unreliable below 20");
    CHECK(sample_size_warning(0).has_value());
    CHECK(sample_size_warning(minimum_samples - 1).has_value());
    CHECK_FALSE(sample_size_warning(minimum_samples).has_value());
    CHECK_FALSE(sample_size_warning(100000).has_value());
}
