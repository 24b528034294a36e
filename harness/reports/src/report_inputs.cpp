#include "parity/reports/report_inputs.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace parity::reports {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path.string() + ": cannot read the file");
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

nlohmann::json parse_json_file(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path.string() + ": not valid JSON: " + error.what());
    }
}

/// A path's times, only when it ran: a crash or timeout "took" the time limit, not its own time.
void read_path(const nlohmann::json& path, std::optional<double>& wall, std::optional<double>& cpu) {
    if (!path.is_object())
        return;
    const std::string status = path.value("status", std::string());
    if (status != "ok" && status != "error")
        return;
    if (path.contains("wall_ns") && path["wall_ns"].is_number())
        wall = path["wall_ns"].get<double>();
    if (path.contains("cpu_ns") && path["cpu_ns"].is_number())
        cpu = path["cpu_ns"].get<double>();
}

}  // namespace

std::vector<RequestTiming> parse_results_jsonl(std::istream& in, const std::string& source) {
    std::vector<RequestTiming> requests;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const auto entry = nlohmann::json::parse(line, nullptr, false);
        if (!entry.is_object()) {
            throw std::runtime_error(source + ":" + std::to_string(number) + ": not a JSON object");
        }
        // Replays mark their latency samples; warm-up runs are compared but not timed, so the charts
        // leave them out like the latency table does. Older files without the flag keep every line.
        if (entry.contains("timed") && !entry.value("timed", true)) {
            continue;
        }
        RequestTiming timing;
        if (entry.contains("id") && entry["id"].is_string())
            timing.id = entry["id"].get<std::string>();
        timing.outcome = entry.value("outcome", std::string());
        if (entry.contains("reference")) {
            read_path(entry["reference"], timing.reference_wall_ns, timing.reference_cpu_ns);
        }
        if (entry.contains("candidate")) {
            read_path(entry["candidate"], timing.candidate_wall_ns, timing.candidate_cpu_ns);
        }
        requests.push_back(std::move(timing));
    }
    return requests;
}

ReportInputs load_report_inputs(const std::filesystem::path& report_dir) {
    ReportInputs inputs;
    const auto report_path = report_dir / "report.json";
    inputs.report = parse_json_file(report_path);
    if (!inputs.report.is_object()) {
        throw std::runtime_error(report_path.string() + ": not a JSON object");
    }

    // Both are optional: merged or old report folders may have neither.
    const auto results_path = report_dir / "results.jsonl";
    if (std::filesystem::exists(results_path)) {
        std::ifstream in(results_path, std::ios::binary);
        if (!in) {
            throw std::runtime_error(results_path.string() + ": cannot read the file");
        }
        inputs.requests = parse_results_jsonl(in, results_path.string());
    }
    const auto verdict_path = report_dir / "verdict.json";
    if (std::filesystem::exists(verdict_path)) {
        inputs.verdict = parse_json_file(verdict_path);
        if (!inputs.verdict->is_object()) {
            throw std::runtime_error(verdict_path.string() + ": not a JSON object");
        }
    }
    return inputs;
}

}  // namespace parity::reports
