#include "protocol.hpp"

#include <algorithm>
#include <stdexcept>

namespace parity::workers::protocol {

using nlohmann::json;

std::string message_kind(const json& message) {
    if (!message.is_object() || !message.contains("kind") || !message["kind"].is_string()) {
        throw std::runtime_error("worker protocol: message without a kind");
    }
    return message["kind"].get<std::string>();
}

std::vector<PathName> run_order(const Job& job) {
    std::vector<PathName> order;
    order.reserve(2 + static_cast<std::size_t>(std::max(job.noise_runs, 0)));
    if (job.candidate_first) {
        order = {PathName::candidate, PathName::reference};
    } else {
        order = {PathName::reference, PathName::candidate};
    }
    for (int i = 0; i < job.noise_runs; ++i) {
        order.push_back(PathName::noise);
    }
    return order;
}

PathName parse_path_name(std::string_view text) {
    for (const PathName name : {PathName::reference, PathName::candidate, PathName::noise}) {
        if (to_string(name) == text) {
            return name;
        }
    }
    throw std::runtime_error("worker protocol: unknown path " + std::string(text));
}

PathStatus parse_path_status(std::string_view text) {
    for (const PathStatus status : {PathStatus::ok, PathStatus::error, PathStatus::crash, PathStatus::timeout,
                                    PathStatus::unavailable}) {
        if (to_string(status) == text) {
            return status;
        }
    }
    throw std::runtime_error("worker protocol: unknown status " + std::string(text));
}

json phase_message(std::string_view text) {
    return {{"kind", kind::phase}, {"text", text}};
}

json startup_failed_message(std::string_view message) {
    return {{"kind", kind::startup_failed}, {"message", message}};
}

json ready_message(const std::vector<FixtureProblem>& fixture_problems,
                   const std::vector<AdapterProblem>& adapter_problems) {
    json fixtures = json::array();
    for (const auto& problem : fixture_problems) {
        fixtures.push_back({{"fixture_id", problem.fixture_id}, {"message", problem.message}});
    }
    json adapters = json::array();
    for (const auto& problem : adapter_problems) {
        adapters.push_back(
            {{"path", to_string(problem.path)}, {"adapter", problem.adapter}, {"message", problem.message}});
    }
    return {{"kind", kind::ready}, {"fixture_problems", fixtures}, {"adapter_problems", adapters}};
}

StartupReport parse_ready(const json& message) {
    StartupReport report;
    for (const auto& problem : message.at("fixture_problems")) {
        report.fixture_problems.push_back(
            {problem.at("fixture_id").get<std::string>(), problem.at("message").get<std::string>()});
    }
    for (const auto& problem : message.at("adapter_problems")) {
        report.adapter_problems.push_back({parse_path_name(problem.at("path").get<std::string>()),
                                           problem.at("adapter").get<std::string>(),
                                           problem.at("message").get<std::string>()});
    }
    return report;
}

json job_message(const Job& job) {
    return {{"kind", kind::job},
            {"sequence", job.sequence},
            {"line", job.request_line},
            {"candidate_first", job.candidate_first},
            {"noise_runs", job.noise_runs},
            {"check_domain", job.check_domain}};
}

Job parse_job(const json& message) {
    return Job{message.at("sequence").get<std::uint64_t>(), message.at("line").get<std::string>(),
               message.at("candidate_first").get<bool>(), message.at("noise_runs").get<int>(),
               message.value("check_domain", false)};
}

json started_message(PathName path) {
    return {{"kind", kind::started}, {"path", to_string(path)}};
}

PathName parse_started(const json& message) {
    return parse_path_name(message.at("path").get<std::string>());
}

json result_message(PathName path, const PathResult& result) {
    json notes = json::array();
    for (const auto& note : result.notes) {
        notes.push_back(json::array({note.pointer, note.message}));
    }
    json stages = json::array();  // pairs, in the adapter's order
    for (const auto& stage : result.stages) {
        stages.push_back(json::array({stage.name, stage.seconds}));
    }
    return {{"kind", kind::result},
            {"path", to_string(path)},
            {"status", to_string(result.status)},
            {"value", result.value},
            {"notes", std::move(notes)},
            {"detail", result.detail},
            {"wall_ns", result.wall_ns},
            {"cpu_ns", result.cpu_ns},
            {"process_cpu_ns", result.process_cpu_ns},
            {"stages", std::move(stages)},
            {"stages_problem", result.stages_problem},
            {"rss_delta", result.rss_delta_bytes},
            {"heap_delta", result.python_heap_delta_bytes},
            {"summarised_depth", result.summarised_for_depth},
            {"summarised_size", result.summarised_for_size}};
}

PathResult parse_result(const json& message) {
    PathResult result;
    result.status = parse_path_status(message.at("status").get<std::string>());
    result.value = message.at("value");
    for (const auto& note : message.at("notes")) {
        result.notes.push_back({note.at(0).get<std::string>(), note.at(1).get<std::string>()});
    }
    result.detail = message.at("detail").get<std::string>();
    result.wall_ns = message.at("wall_ns").get<std::int64_t>();
    result.cpu_ns = message.at("cpu_ns").get<std::int64_t>();
    result.process_cpu_ns = message.value("process_cpu_ns", result.cpu_ns);
    if (const auto stages = message.find("stages"); stages != message.end()) {
        for (const auto& stage : *stages) {
            result.stages.push_back({stage.at(0).get<std::string>(), stage.at(1).get<double>()});
        }
    }
    result.stages_problem = message.value("stages_problem", std::string());
    result.rss_delta_bytes = message.at("rss_delta").get<std::int64_t>();
    result.python_heap_delta_bytes = message.at("heap_delta").get<std::int64_t>();
    result.summarised_for_depth = message.value("summarised_depth", std::uint64_t{0});
    result.summarised_for_size = message.value("summarised_size", std::uint64_t{0});
    return result;
}

json done_message(std::uint64_t sequence, std::int64_t rss_bytes) {
    return {{"kind", kind::done}, {"sequence", sequence}, {"rss_bytes", rss_bytes}};
}

json out_of_domain_message(std::uint64_t sequence, std::int64_t rss_bytes, std::string_view reason) {
    json message = done_message(sequence, rss_bytes);
    message["out_of_domain"] = reason;
    return message;
}

json stop_message() {
    return {{"kind", kind::stop}};
}

}  // namespace parity::workers::protocol
