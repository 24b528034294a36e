#include "section_rows.hpp"

#include <nlohmann/json.hpp>

#include "number_format.hpp"
#include "value_display.hpp"

namespace parity::reports::detail {
namespace {

/// A section's keys in report.json's order, as rows; its own to_json is the one list of its keys.
template <typename Section>
Rows key_rows(const Section& section, const char* null_text) {
    Rows rows;
    const nlohmann::ordered_json json = section;
    for (const auto& [key, value] : json.items()) {
        if (value.is_null()) {
            if (null_text != nullptr)
                rows.emplace_back(key, null_text);
            continue;
        }
        rows.emplace_back(key, display(nlohmann::json(value)));
    }
    return rows;
}

std::string path_memory_text(const replay::PathMemory& path) {
    return "RSS growth " + format_bytes(static_cast<double>(path.rss_growth_bytes)) + " over " +
           std::to_string(path.runs) + " timed runs, Python heap growth " +
           format_bytes(static_cast<double>(path.python_heap_growth_bytes));
}

}  // namespace

Rows option_rows(const replay::RunOptions& options) {
    return key_rows(options, nullptr);
}

Rows environment_rows(const replay::Environment& environment) {
    return key_rows(environment, "unknown");
}

Rows memory_rows(const replay::Memory& memory) {
    Rows rows = {{"reference memory", path_memory_text(memory.reference)},
                 {"candidate memory", path_memory_text(memory.candidate)}};
    if (memory.baseline)
        rows.emplace_back("baseline memory", path_memory_text(*memory.baseline));
    rows.emplace_back("worker RSS",
                      "first " + format_bytes(static_cast<double>(memory.worker_rss_first_bytes)) +
                          ", last " + format_bytes(static_cast<double>(memory.worker_rss_last_bytes)) +
                          ", peak " + format_bytes(static_cast<double>(memory.worker_rss_peak_bytes)));
    if (memory.parity_peak_rss_bytes)
        rows.emplace_back("parity peak RSS",
                          format_bytes(static_cast<double>(*memory.parity_peak_rss_bytes)));
    return rows;
}

}  // namespace parity::reports::detail
