#include "parity/replay/report_environment.hpp"

namespace parity::replay {
namespace {

using harness::json_or_null;

}  // namespace

void to_json(nlohmann::ordered_json& json, const Environment& environment) {
    json = {{"host_name", environment.host_name},
            {"cpu_model", environment.cpu_model},
            {"cores", environment.cores},
            {"governor", json_or_null(environment.governor)},
            {"mhz", json_or_null(environment.mhz)},
            {"load_average_start", environment.load_average_start},
            {"load_average_end", environment.load_average_end},
            {"kernel", environment.kernel},
            {"compiler", environment.compiler},
            {"build_type", environment.build_type},
            {"cxx_flags", environment.cxx_flags},
            {"python", environment.python},
            {"workers_python", environment.workers_python},
            {"parity_version", environment.parity_version},
            {"service_version", environment.service_version},
            {"git_commit", json_or_null(environment.git_commit)}};
}

void read_model(const harness::ModelReader& in, Environment& environment) {
    in.required("host_name", environment.host_name);
    in.required("cpu_model", environment.cpu_model);
    in.required("cores", environment.cores);
    in.nullable("governor", environment.governor);
    in.nullable("mhz", environment.mhz);
    in.required("load_average_start", environment.load_average_start);
    in.required("load_average_end", environment.load_average_end);
    in.required("kernel", environment.kernel);
    in.required("compiler", environment.compiler);
    in.required("build_type", environment.build_type);
    in.required("cxx_flags", environment.cxx_flags);
    in.required("python", environment.python);
    in.required("workers_python", environment.workers_python);
    in.required("parity_version", environment.parity_version);
    in.required("service_version", environment.service_version);
    in.nullable("git_commit", environment.git_commit);
}

}  // namespace parity::replay
