#include <catch2/catch.hpp>

#include <sstream>

#include "array_alignment.hpp"
#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

/// "r-c" per step, "-" for an absent side: "1-_ 3-2".
std::string show_steps(const std::vector<AlignedElements>& steps) {
    std::ostringstream text;
    for (const AlignedElements& step : steps) {
        text << (step.reference ? std::to_string(*step.reference) : "_") << "-"
             << (step.candidate ? std::to_string(*step.candidate) : "_") << " ";
    }
    return text.str();
}

TEST_CASE("alignment anchors equal elements and pairs the gaps", "[array_alignment]") {
    struct Case {
        const char* reference;
        const char* candidate;
        const char* steps;
    };
    const Case cases[] = {
        {"[1, 2, 3, 4]", "[1, 3, 4]", "1-_ "},
        {"[1, 3, 4]", "[1, 2, 3, 4]", "_-1 "},
        {"[1, 2, 3, 4]", "[1, 3, 5]", "1-_ 3-2 "},
        {"[9, 1, 2, 3]", "[1, 2, 3, 8, 7]", "0-_ _-3 _-4 "},
        {"[1, 2, 3]", "[]", "0-_ 1-_ 2-_ "},
        {"[]", "[1]", "_-0 "},
        {"[1, 2, 3, 4, 5]", "[5, 4, 3, 2]", "0-_ 1-_ 2-_ 3-_ _-1 _-2 _-3 "},
    };
    for (const Case& c : cases) {
        const auto reference = test::parse(c.reference);
        const auto candidate = test::parse(c.candidate);
        CAPTURE(c.reference, c.candidate);
        CHECK(show_steps(align_elements(reference, candidate)) == c.steps);
    }
}

TEST_CASE("above the cell limit the middle is paired by position", "[array_alignment]") {
    const auto reference = test::parse("[0, 1, 2, 3, 4, 9]");
    const auto candidate = test::parse("[0, 2, 3, 5, 9]");
    // Prefix [0] and suffix [9] are trimmed whatever the limit; the middle is 4 x 3 = 12 cells.
    CHECK(show_steps(align_elements(reference, candidate, 11)) == "1-1 2-2 3-3 4-_ ");
    CHECK(show_steps(align_elements(reference, candidate, 12)) == "1-_ 4-3 ");
}

}  // namespace
}  // namespace parity::diff
