#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>

namespace parity::replay {

/// Where a replay's timings were taken: enough to tell whether two reports are comparable, and
/// whether this one can be trusted (docs/latency.md).
struct Environment {
    std::string host_name;
    std::string cpu_model;
    unsigned cores = 0;
    std::optional<std::string> governor;  // cpufreq scaling governor, when readable
    std::optional<double> mhz;
    std::array<double, 3> load_average_start{};
    std::array<double, 3> load_average_end{};
    std::string kernel;
    std::string compiler;
    std::string build_type;
    std::string cxx_flags;
    std::string python;
    /// The interpreter the workers ran the paths in (--python), or "embedded".
    std::string workers_python;
    std::string parity_version;
    std::string service_version;
    std::optional<std::string> git_commit;

    /// Everything but the end load average (see `finish`).
    static Environment capture(const std::string& service_version);
    void finish();

    [[nodiscard]] nlohmann::ordered_json to_json() const;
};

/// The steady clock's own cost: the median of back-to-back now() pairs, in nanoseconds.
[[nodiscard]] double timer_overhead_ns();

}  // namespace parity::replay
