#include "bind_similarity.hpp"

#include <cstddef>
#include <string_view>

#include "parity/core/similarity/indel.hpp"
#include "parity/core/similarity/jaro.hpp"
#include "parity/core/similarity/levenshtein.hpp"
#include "parity/core/similarity/token_ratio.hpp"
#include "python_text.hpp"

namespace py = pybind11;

namespace parity::bindings {
namespace {

namespace core = parity::core;

// Names and keyword arguments (s1, s2) mirror importer.matching.similarity, the Python reference,
// and so do the results, bit for bit: these are the fast metrics, each tested against its naive
// oracle (core/tests/similarity/) and against the reference (python/tests/test_native_similarity.py).
// A str is read straight from CPython's storage, one element per code point: any str, lone
// surrogates included, scores as it does in Python. The casts pick the code point overloads
// over the UTF-8 ones.
using Ratio = double (*)(std::u32string_view, std::u32string_view);
using Distance = std::size_t (*)(std::u32string_view, std::u32string_view);

template <typename Metric>
void def_metric(py::module_& module, const char* name, Metric metric, const char* doc) {
    module.def(
        name,
        [metric](const py::str& a, const py::str& b) { return metric(to_code_points(a), to_code_points(b)); },
        py::arg("s1"), py::arg("s2"), doc);
}

}  // namespace

void bind_similarity(py::module_& module) {
    def_metric(module, "jaro", static_cast<Ratio>(core::jaro), "Jaro similarity of two strings, in [0, 1].");
    def_metric(module, "jaro_winkler", static_cast<Ratio>(core::jaro_winkler),
               "Jaro-Winkler similarity (prefix weight 0.1, at most 4, boost above 0.7), in [0, 1].");
    def_metric(module, "levenshtein", static_cast<Distance>(core::levenshtein),
               "Unit-cost edit distance between two strings, in code points.");
    def_metric(module, "levenshtein_ratio", static_cast<Ratio>(core::levenshtein_ratio),
               "1 - levenshtein / max(len(s1), len(s2)); 1.0 for two empty strings.");
    def_metric(module, "indel_distance", static_cast<Distance>(core::indel_distance),
               "Insertions plus deletions turning s1 into s2: len(s1) + len(s2) - 2 * LCS.");
    def_metric(module, "indel_ratio", static_cast<Ratio>(core::indel_ratio),
               "1 - indel_distance / (len(s1) + len(s2)); 1.0 for two empty strings.");
    def_metric(module, "token_sort_ratio", static_cast<Ratio>(core::token_sort_ratio),
               "indel_ratio of the whitespace-split tokens, sorted and joined by single spaces.");
    def_metric(module, "token_set_ratio", static_cast<Ratio>(core::token_set_ratio),
               "Best indel_ratio among the shared tokens and each side's full token set.");
}

}  // namespace parity::bindings
