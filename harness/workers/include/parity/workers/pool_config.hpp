#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace parity::workers {

/// What a WorkerPool runs and how. Example:
///
///     PoolConfig config{.reference_adapter = "importer.adapters:reference",
///                       .candidate_adapter = "importer.adapters:native",
///                       .fixtures_dir = corpus / "fixtures",
///                       .python_path = {"python", "build/dev/python"},
///                       .workers = 2,
///                       .python_executable = build_python_executable()};
struct PoolConfig {
    std::string reference_adapter;  // "module:attribute", the attribute may be dotted ("mod:obj.inner")
    std::string candidate_adapter;
    std::filesystem::path fixtures_dir;              // <corpus>/fixtures; may not exist
    std::vector<std::filesystem::path> python_path;  // prepended to sys.path in each worker, in order
    unsigned workers = 1;
    std::chrono::milliseconds timeout{10'000};           // per path per request
    std::chrono::milliseconds startup_timeout{300'000};  // interpreter start, imports, fixtures, setup()
    bool pin_cpus = false;              // worker i runs only on CPU i % (CPUs available), for steadier timing
    bool trace_python_memory = false;   // tracemalloc in the workers (slows Python paths several times)
    /// The Python the workers run in: this interpreter, executed in each worker process, hosts the
    /// worker through the module parity._worker (found on python_path). Empty: each worker starts
    /// Python itself, from the libpython this executable links. The two are not equally fast: Debian's
    /// /usr/bin/python3 runs pure-Python code measurably faster than its libpython3.11.so
    /// (docs/latency.md, "Which Python runs the paths"; the measurement is in bench/LOG.md).
    std::filesystem::path python_executable;
    /// What a worker sends back per path and request, at most: containers nested deeper than
    /// max_output_depth, and the parts beyond max_output_bytes of compact JSON, are sent as their
    /// summaries (length, SHA-256, head, tail: parity/bounds/bound_value.hpp), so that whatever an
    /// adapter returns, the pool's memory stays bounded.
    std::size_t max_output_depth = 128;
    std::uint64_t max_output_bytes = std::uint64_t{16} << 20;
    /// A baseline (`parity replay --baseline`): when not empty, the pool has a second worker per worker,
    /// its *baseline worker*, set up like the first but with this adapter as its candidate and
    /// baseline_python_path before python_path on its sys.path, so that two builds of one module name
    /// coexist. Worker i and its baseline worker (id workers + i) share a CPU when pinned; the caller
    /// keeps them from running at once (WorkerPool::submit_to).
    std::string baseline_adapter;
    std::vector<std::filesystem::path> baseline_python_path;
};

/// The interpreter this build found (CMake's Python3_EXECUTABLE): what the CLI runs workers in.
[[nodiscard]] std::filesystem::path build_python_executable();

/// PoolConfig::python_executable as `parity replay --python` takes it, and as reports name it: the
/// interpreter's path, or "embedded".
[[nodiscard]] inline std::string python_argument(const std::filesystem::path& python_executable) {
    return python_executable.empty() ? std::string("embedded") : python_executable.string();
}

}  // namespace parity::workers
