#pragma once

#include <optional>
#include <string>

#include <pybind11/pytypes.h>

#include "output_bounds.hpp"
#include "parity/workers/job.hpp"
#include "parity/workers/startup_problems.hpp"

namespace parity::workers {

/// One adapter inside a worker ("module:attribute", corpora/README.md "Adapters"): imported, set up
/// once, then run per request. An adapter that failed to import or set up stays unavailable and
/// says why, rather than failing the worker.
/// The Python heap currently traced by tracemalloc, or 0 when it is not tracing.
[[nodiscard]] std::int64_t traced_python_heap_bytes();

class PythonAdapter {
  public:
    /// Imports `spec` for `path`; on failure the adapter is unavailable (see problem()).
    PythonAdapter(PathName path, std::string spec);

    /// Calls setup(fixtures) and keeps the context; on failure the adapter becomes unavailable.
    void setup(const pybind11::dict& fixtures);

    [[nodiscard]] bool available() const noexcept {
        return !problem_.has_value();
    }
    /// The import or setup failure, for the ready message.
    [[nodiscard]] const std::optional<AdapterProblem>& problem() const noexcept {
        return problem_;
    }

    /// Decodes json.loads(request_line)["input"] (afresh, so no run sees another run's mutations),
    /// then times run(context, input) and converts its result or exception, held to `bounds`; then,
    /// outside the timed window, reads the adapter's optional stages(context).
    [[nodiscard]] PathResult run(const pybind11::bytes& request_line, const OutputBounds& bounds) const;

    /// The adapter's optional domain(context, input) on the line's input: why the input is outside the
    /// kernel's domain, or nullopt when it is inside, or the adapter has no domain() or is unavailable.
    /// A domain() that raises or returns neither None nor a str rejects the input, saying so: a broken
    /// hook must show in the fuzzer's counts, not let every input through.
    [[nodiscard]] std::optional<std::string> out_of_domain(const pybind11::bytes& request_line) const;

  private:
    void fail(std::string message, std::string detail);
    /// result.stages from stages(context), or result.stages_problem saying why they were left out.
    void read_stages(PathResult& result) const;

    PathName path_;
    std::string spec_;
    pybind11::object adapter_;
    pybind11::object context_;
    pybind11::object stages_;  // the adapter's stages attribute, or None when it has none
    pybind11::object domain_;  // the adapter's domain attribute, or None when it has none
    std::optional<AdapterProblem> problem_;
    std::string unavailable_detail_;
};

}  // namespace parity::workers
