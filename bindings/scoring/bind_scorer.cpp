#include "bind_scorer.hpp"

#include <utility>
#include <vector>

#include "model_reader.hpp"
#include "parity/scoring/scorer.hpp"
#include "released_gil.hpp"
#include "request_reader.hpp"
#include "result_objects.hpp"

namespace py = pybind11;

namespace parity::bindings::scoring {
namespace {

namespace core = parity::scoring;

/// The cyclic garbage collector held off while the results are made: 100,000 new containers (a dict and
/// a list per transaction) would otherwise run it a few hundred times, older generations included, over
/// the request's own objects too. The results hold no cycles, so nothing the collector could free is
/// kept longer than until its next run.
class CollectorPause {
  public:
    CollectorPause() : was_enabled_(PyGC_Disable()) {}
    ~CollectorPause() {
        if (was_enabled_ != 0) {
            PyGC_Enable();
        }
    }
    CollectorPause(const CollectorPause&) = delete;
    CollectorPause& operator=(const CollectorPause&) = delete;

  private:
    int was_enabled_;
};

class Scorer {
  public:
    explicit Scorer(const py::object& model) {
        ReadModel read = read_model(model.ptr());
        model_ = std::move(read.model);
        version_ = py::reinterpret_borrow<py::object>(read.version.get());
    }

    [[nodiscard]] py::object version() const {
        return version_;
    }

    /// Reads and checks the arguments (under the GIL), scores without the GIL, builds the results.
    [[nodiscard]] py::object score(const py::object& profile, const py::object& history,
                                   const py::object& transactions) const {
        const ReadRequest read = read_request(profile.ptr(), history.ptr(), transactions.ptr());
        std::vector<core::Result> results;
        {
            const ReleasedGil released;
            results = core::score_request(model_, read.request);
        }
        const CollectorPause paused;
        return py::reinterpret_steal<py::object>(result_list(results, read.ids));
    }

  private:
    core::Model model_;
    py::object version_;
};

}  // namespace

void bind_scorer(py::module_& module) {
    py::class_<Scorer>(module, "Scorer",
                       "scoring.kernel.Scorer in C++: the same checks, results (bit for bit) and exceptions "
                       "(docs/scoring.md).")
        .def(py::init<const py::object&>(), py::arg("model"))
        .def_property_readonly("version", &Scorer::version, "The model's `version`.")
        .def("score", &Scorer::score, py::arg("profile"), py::arg("history"), py::arg("transactions"),
             "One {'id', 'score', 'decision', 'reasons'} dict per transaction, in input order.");

    py::tuple features(core::feature_count);
    for (std::size_t f = 0; f < core::feature_count; ++f) {
        features[f] = py::str(std::string(core::feature_names[f]));
    }
    module.attr("FEATURES") = features;
}

}  // namespace parity::bindings::scoring
