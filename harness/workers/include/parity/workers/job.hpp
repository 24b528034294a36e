#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/pyjson/to_json.hpp"

namespace parity::workers {

/// Which implementation a run used. `noise` is an extra run of the reference, to measure how much
/// the reference's own timings vary.
enum class PathName { reference, candidate, noise };

/// How one run of one path ended.
enum class PathStatus {
    ok,           // run() returned; `value` is its output
    error,        // run() raised; `value` is {"type": ..., "message": ...}
    crash,        // the worker process died during the run (`signal`, `detail`)
    timeout,      // the run exceeded the pool's timeout; the worker was killed
    unavailable,  // not run: adapter import/setup failed, or an earlier path crashed (`detail`)
};

/// "reference", "candidate", "noise".
[[nodiscard]] std::string_view to_string(PathName name) noexcept;
/// "ok", "error", "crash", "timeout", "unavailable".
[[nodiscard]] std::string_view to_string(PathStatus status) noexcept;

/// One named part of a run, as the adapter's optional stages(context) reported it (corpora/README.md
/// "Adapters"): a stage name and its seconds (finite, >= 0).
struct StageTime {
    std::string name;
    double seconds = 0;

    bool operator==(const StageTime&) const = default;
};

/// At most this many stages per run; a stages() reporting more is refused (PathResult::stages_problem).
inline constexpr std::size_t max_stages_per_run = 32;
/// A stage name is 1 to this many bytes of UTF-8.
inline constexpr std::size_t max_stage_name_bytes = 64;

/// The outcome of one path of one request.
struct PathResult {
    PathStatus status = PathStatus::unavailable;
    nlohmann::json value;                       // ok: the converted output; error: {"type", "message"}
    std::vector<pyjson::ConversionNote> notes;  // ok: where the output had to be approximated
    int signal = 0;      // crash: the signal that killed the worker, or 0 if it exited (status in `detail`)
    std::string detail;  // crash/timeout/unavailable: one line, e.g. "killed by SIGSEGV (Segmentation
                         // fault) while running candidate", "exceeded 5 s"
    std::int64_t wall_ns = 0;  // steady clock around the adapter's run() call only
    std::int64_t cpu_ns = 0;   // CLOCK_THREAD_CPUTIME_ID around the same call
    // CLOCK_PROCESS_CPUTIME_ID around the same call: every thread of the worker, so also the work an
    // adapter hands to threads of its own (the host-stability check uses this one).
    std::int64_t process_cpu_ns = 0;
    // What the adapter's optional stages(context) returned after the run (returned or raised), in its
    // order; empty when it has no stages(), returned None or an empty mapping, or returned something
    // unusable, which `stages_problem` then says in one line naming the adapter and the key.
    std::vector<StageTime> stages;
    std::string stages_problem;
    // Memory the call left behind, measured outside the timed region: the worker's RSS after the
    // run (output converted) minus before, and, with PoolConfig::trace_python_memory, the same for
    // the Python heap (tracemalloc's current size). Summed per path over a replay, they show which
    // path grows the process.
    std::int64_t rss_delta_bytes = 0;
    std::int64_t python_heap_delta_bytes = 0;
    // Parts of `value` the worker sent as their summaries (PoolConfig::max_output_depth and
    // max_output_bytes; parity/bounds/value_summary.hpp), too deep or beyond the size.
    std::uint64_t summarised_for_depth = 0;
    std::uint64_t summarised_for_size = 0;
};

/// One recorded request to run through both paths.
struct Job {
    std::uint64_t sequence = 0;    // the caller's own number, echoed in JobResult
    std::string request_line;      // the raw corpus line; run() receives json.loads(line)["input"]
    bool candidate_first = false;  // run order, chosen by the caller (randomised against order effects)
    int noise_runs = 0;            // extra reference runs after the two paths
    /// Ask the reference adapter's optional domain(context, input) first (`parity fuzz`): an input it
    /// declares outside the kernel's domain is not run on either path (JobResult::out_of_domain).
    bool check_domain = false;
};

/// The outcome of a Job.
struct JobResult {
    std::uint64_t sequence = 0;
    PathResult reference, candidate;
    std::vector<PathResult> noise;      // Job::noise_runs entries, in run order
    std::int64_t worker_rss_bytes = 0;  // the worker's RSS after the job; 0 if it died
    int worker_id = 0;                  // 0 .. workers-1; a replacement keeps the id it replaces
    /// With Job::check_domain: why the reference adapter's domain() put the input outside the kernel's
    /// domain (no path ran: both are `unavailable`), or "" when it is inside (or there is no domain()).
    std::string out_of_domain;
};

}  // namespace parity::workers
