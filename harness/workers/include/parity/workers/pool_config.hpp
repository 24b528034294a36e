#pragma once

#include <chrono>
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
///                       .workers = 2};
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
};

}  // namespace parity::workers
