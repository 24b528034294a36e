#pragma once

// report.json's "environment": where a replay's timings were taken; enough to tell whether two
// reports are comparable, and whether this one can be trusted (docs/latency.md). Captured by
// parity/replay/environment.hpp.

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

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
};

void to_json(nlohmann::ordered_json& json, const Environment& environment);
void read_model(const harness::ModelReader& in, Environment& environment);

}  // namespace parity::replay
