#include "parity/replay/report_memory.hpp"

namespace parity::replay {

void to_json(nlohmann::ordered_json& json, const PathMemory& path) {
    json = {{"runs", path.runs},
            {"rss_growth_bytes", path.rss_growth_bytes},
            {"python_heap_growth_bytes", path.python_heap_growth_bytes}};
}

void read_model(const harness::ModelReader& in, PathMemory& path) {
    in.required("runs", path.runs);
    in.required("rss_growth_bytes", path.rss_growth_bytes);
    in.required("python_heap_growth_bytes", path.python_heap_growth_bytes);
}

void to_json(nlohmann::ordered_json& json, const Memory& memory) {
    json = {{"reference", memory.reference},
            {"candidate", memory.candidate},
            {"worker_rss_first_bytes", memory.worker_rss_first_bytes},
            {"worker_rss_last_bytes", memory.worker_rss_last_bytes},
            {"worker_rss_peak_bytes", memory.worker_rss_peak_bytes}};
    if (memory.baseline)
        json["baseline"] = *memory.baseline;
    if (memory.parity_peak_rss_bytes)
        json["parity_peak_rss_bytes"] = *memory.parity_peak_rss_bytes;
}

void read_model(const harness::ModelReader& in, Memory& memory) {
    in.required("reference", memory.reference);
    in.required("candidate", memory.candidate);
    in.required("worker_rss_first_bytes", memory.worker_rss_first_bytes);
    in.required("worker_rss_last_bytes", memory.worker_rss_last_bytes);
    in.required("worker_rss_peak_bytes", memory.worker_rss_peak_bytes);
    in.optional("baseline", memory.baseline);
    in.optional("parity_peak_rss_bytes", memory.parity_peak_rss_bytes);
}

}  // namespace parity::replay
