#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/workers/job.hpp"
#include "parity/workers/startup_problems.hpp"

// The messages of the pool <-> worker conversation (each one frame, see framing.hpp):
//
//   worker                                          pool
//     <- (fork)
//     -> {"kind": "phase", "text": "importing the reference adapter"}   (zero or more, for diagnostics)
//     -> {"kind": "ready", "fixture_problems": [...], "adapter_problems": [...]}
//        or {"kind": "startup_failed", "message": "..."} and exit
//     <- {"kind": "job", "sequence", "line", "candidate_first", "noise_runs", "check_domain"}
//     -> with check_domain, when the reference adapter's domain() rejects the input, at once:
//        {"kind": "done", "sequence", "rss_bytes", "out_of_domain": "<reason>"} (no path runs)
//     -> {"kind": "started", "path": "candidate"}                 the pool's per-path timeout starts here
//     -> {"kind": "result", "path": "candidate", "status": "ok", "value", "notes", ...}
//        ... started/result for each path of run_order(job) ...
//     -> {"kind": "done", "sequence", "rss_bytes"}
//     <- {"kind": "stop"} (or the socket closes): the worker exits
namespace parity::workers::protocol {

namespace kind {
inline constexpr std::string_view phase = "phase";
inline constexpr std::string_view ready = "ready";
inline constexpr std::string_view startup_failed = "startup_failed";
inline constexpr std::string_view job = "job";
inline constexpr std::string_view started = "started";
inline constexpr std::string_view result = "result";
inline constexpr std::string_view done = "done";
inline constexpr std::string_view stop = "stop";
}  // namespace kind

/// The "kind" of a message; throws std::runtime_error if it has none.
[[nodiscard]] std::string message_kind(const nlohmann::json& message);

/// The paths of a job in the order the worker runs them: the two paths, then the noise runs.
[[nodiscard]] std::vector<PathName> run_order(const Job& job);

[[nodiscard]] PathName parse_path_name(std::string_view text);
[[nodiscard]] PathStatus parse_path_status(std::string_view text);

[[nodiscard]] nlohmann::json phase_message(std::string_view text);
[[nodiscard]] nlohmann::json startup_failed_message(std::string_view message);

[[nodiscard]] nlohmann::json ready_message(const std::vector<FixtureProblem>& fixture_problems,
                                           const std::vector<AdapterProblem>& adapter_problems);
/// Startup problems carried by a ready message.
struct StartupReport {
    std::vector<FixtureProblem> fixture_problems;
    std::vector<AdapterProblem> adapter_problems;
};
[[nodiscard]] StartupReport parse_ready(const nlohmann::json& message);

[[nodiscard]] nlohmann::json job_message(const Job& job);
[[nodiscard]] Job parse_job(const nlohmann::json& message);

[[nodiscard]] nlohmann::json started_message(PathName path);
[[nodiscard]] PathName parse_started(const nlohmann::json& message);

[[nodiscard]] nlohmann::json result_message(PathName path, const PathResult& result);
[[nodiscard]] PathResult parse_result(const nlohmann::json& message);

[[nodiscard]] nlohmann::json done_message(std::uint64_t sequence, std::int64_t rss_bytes);
/// The done message of a job whose input the reference adapter's domain() rejected, with its reason.
[[nodiscard]] nlohmann::json out_of_domain_message(std::uint64_t sequence, std::int64_t rss_bytes,
                                                   std::string_view reason);
[[nodiscard]] nlohmann::json stop_message();

}  // namespace parity::workers::protocol
