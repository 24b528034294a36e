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

/// A file holding one JSON object; throws naming the file when it does not.
nlohmann::json parse_json_object_file(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path.string() + ": not valid JSON: " + error.what());
    }
    if (!document.is_object()) {
        throw std::runtime_error(path.string() + ": not a JSON object");
    }
    return document;
}

/// Appends one file's problems, each prefixed with the file's name.
void add_problems(std::vector<std::string>& problems, std::string_view file,
                  const std::vector<std::string>& found) {
    for (const auto& problem : found)
        problems.push_back(std::string(file) + ": " + problem);
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
        if (entry.contains("baseline")) {
            read_path(entry["baseline"], timing.baseline_wall_ns, timing.baseline_cpu_ns);
        }
        requests.push_back(std::move(timing));
    }
    return requests;
}

ReportInputs load_report_inputs(const std::filesystem::path& report_dir) {
    ReportInputs inputs;
    std::vector<std::string> found;
    inputs.report = replay::read_report(parse_json_object_file(report_dir / "report.json"),
                                        harness::Leniency::tolerant, &found);
    add_problems(inputs.problems, "report.json", found);

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
        found.clear();
        inputs.verdict =
            gate::read_verdict(parse_json_object_file(verdict_path), harness::Leniency::tolerant, &found);
        add_problems(inputs.problems, "verdict.json", found);
    }
    return inputs;
}

}  // namespace parity::reports
