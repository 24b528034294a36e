#include "bind_similarity.hpp"

#include <cstddef>
#include <string>
#include <string_view>

#include "parity/core/similarity/oracle/indel.hpp"
#include "parity/core/similarity/oracle/jaro.hpp"
#include "parity/core/similarity/oracle/levenshtein.hpp"
#include "parity/core/similarity/oracle/token_ratio.hpp"

namespace py = pybind11;

namespace parity::bindings {
namespace {

namespace oracle = parity::core::oracle;

// Names and keyword arguments (s1, s2) mirror importer.matching.similarity, the Python reference.
// pybind11 converts a Python str to std::u32string: one element per code point, as the metrics
// expect. The casts pick the code point overload over the UTF-8 one.
using Ratio = double (*)(std::u32string_view, std::u32string_view);
using Distance = std::size_t (*)(std::u32string_view, std::u32string_view);

template <typename Metric>
void def_metric(py::module_& module, const char* name, Metric metric, const char* doc) {
    module.def(
        name, [metric](const std::u32string& a, const std::u32string& b) { return metric(a, b); },
        py::arg("s1"), py::arg("s2"), doc);
}

}  // namespace

void bind_similarity(py::module_& module) {
    def_metric(module, "jaro", static_cast<Ratio>(oracle::jaro),
               "Jaro similarity of two strings, in [0, 1].");
    def_metric(module, "jaro_winkler", static_cast<Ratio>(oracle::jaro_winkler),
               "Jaro-Winkler similarity (prefix weight 0.1, at most 4, boost above 0.7), in [0, 1].");
    def_metric(module, "levenshtein", static_cast<Distance>(oracle::levenshtein),
               "Unit-cost edit distance between two strings, in code points.");
    def_metric(module, "levenshtein_ratio", static_cast<Ratio>(oracle::levenshtein_ratio),
               "1 - levenshtein / max(len(s1), len(s2)); 1.0 for two empty strings.");
    def_metric(module, "indel_distance", static_cast<Distance>(oracle::indel_distance),
               "Insertions plus deletions turning s1 into s2: len(s1) + len(s2) - 2 * LCS.");
    def_metric(module, "indel_ratio", static_cast<Ratio>(oracle::indel_ratio),
               "1 - indel_distance / (len(s1) + len(s2)); 1.0 for two empty strings.");
    def_metric(module, "token_sort_ratio", static_cast<Ratio>(oracle::token_sort_ratio),
               "indel_ratio of the whitespace-split tokens, sorted and joined by single spaces.");
    def_metric(module, "token_set_ratio", static_cast<Ratio>(oracle::token_set_ratio),
               "Best indel_ratio among the shared tokens and each side's full token set.");
}

}  // namespace parity::bindings
