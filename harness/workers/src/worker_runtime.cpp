#include "parity/workers/worker_runtime.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "fixture_loader.hpp"
#include "framing.hpp"
#include "output_bounds.hpp"
#include "process_memory.hpp"
#include "protocol.hpp"
#include "python_adapter.hpp"
#include "worker_exit.hpp"

namespace parity::workers {
namespace {

namespace py = pybind11;

/// Flushes what adapters printed, then exits without finalising Python: finalisation can hang on
/// threads an adapter started, and there is nothing left to save.
[[noreturn]] void leave_python(WorkerExit code) noexcept {
    try {
        const py::module_ sys = py::module_::import("sys");
        sys.attr("stdout").attr("flush")();
        sys.attr("stderr").attr("flush")();
    } catch (...) {  // NOLINT(bugprone-empty-catch): exiting anyway
    }
    leave(code);
}

void configure_python(const PoolConfig& config) {
    const py::module_ sys = py::module_::import("sys");
    // Line-buffered, so that what an adapter printed before crashing the process is not lost.
    for (const char* stream : {"stdout", "stderr"}) {
        const py::object file = sys.attr(stream);
        if (py::hasattr(file, "reconfigure")) {
            file.attr("reconfigure")(py::arg("line_buffering") = true);
        }
    }
    py::list entries;
    for (const auto& entry : config.python_path) {
        entries.append(py::str(entry.string()));
    }
    sys.attr("path") = entries + sys.attr("path");
    if (config.trace_python_memory) {
        py::module_::import("tracemalloc").attr("start")();
    }
}

/// Both adapters, imported and set up.
struct Adapters {
    PythonAdapter reference;
    PythonAdapter candidate;
    OutputBounds bounds;

    [[nodiscard]] const PythonAdapter& for_path(PathName path) const {
        return path == PathName::candidate ? candidate : reference;
    }
};

void run_job(int socket_fd, const Adapters& adapters, const nlohmann::json& message) {
    const Job job = protocol::parse_job(message);
    const py::bytes line(job.request_line);
    if (job.check_domain) {
        if (const auto reason = adapters.reference.out_of_domain(line)) {
            write_frame(socket_fd,
                        protocol::out_of_domain_message(job.sequence, resident_set_bytes(), *reason));
            return;
        }
    }
    for (const PathName path : protocol::run_order(job)) {
        write_frame(socket_fd, protocol::started_message(path));
        write_frame(socket_fd,
                    protocol::result_message(path, adapters.for_path(path).run(line, adapters.bounds)));
    }
    write_frame(socket_fd, protocol::done_message(job.sequence, resident_set_bytes()));
}

[[noreturn]] void serve(int socket_fd, const Adapters& adapters) {
    for (;;) {
        const auto message = read_frame(socket_fd);
        if (!message) {
            leave_python(WorkerExit::stopped);  // the pool closed the socket
        }
        const std::string kind = protocol::message_kind(*message);
        if (kind == protocol::kind::stop) {
            leave_python(WorkerExit::stopped);
        }
        if (kind != protocol::kind::job) {
            throw std::runtime_error("unexpected message " + kind);
        }
        run_job(socket_fd, adapters, *message);
    }
}

/// Loads fixtures, imports and sets up the adapters, and says ready.
Adapters start(int socket_fd, const PoolConfig& config) {
    configure_python(config);
    write_frame(socket_fd, protocol::phase_message("loading fixtures"));
    const LoadedFixtures fixtures = load_fixtures(config.fixtures_dir);

    write_frame(socket_fd, protocol::phase_message("importing the reference adapter"));
    PythonAdapter reference(PathName::reference, config.reference_adapter);
    write_frame(socket_fd, protocol::phase_message("reference adapter setup()"));
    // A dict of their own for each: one adapter adding or removing fixtures cannot affect the other.
    reference.setup(py::dict(fixtures.fixtures));
    write_frame(socket_fd, protocol::phase_message("importing the candidate adapter"));
    PythonAdapter candidate(PathName::candidate, config.candidate_adapter);
    write_frame(socket_fd, protocol::phase_message("candidate adapter setup()"));
    candidate.setup(py::dict(fixtures.fixtures));
    // What start-up made lives as long as the worker: the fixtures, both adapters and their contexts.
    // Frozen, the cyclic collector's full passes no longer walk it, as in a service that froze its
    // start-up state; otherwise a pass over a large corpus's fixtures (22-35 ms for the scoring
    // requests') lands in whichever small call happens to trigger it, and makes its tail.
    py::module_::import("gc").attr("freeze")();

    std::vector<AdapterProblem> problems;
    for (const PythonAdapter* adapter : {&reference, &candidate}) {
        if (adapter->problem()) {
            problems.push_back(*adapter->problem());
        }
    }
    write_frame(socket_fd, protocol::ready_message(fixtures.problems, problems));
    return Adapters{std::move(reference), std::move(candidate),
                    OutputBounds{config.max_output_depth, config.max_output_bytes}};
}

}  // namespace

void serve_in_interpreter(int socket_fd, const PoolConfig& config) noexcept {
    std::optional<Adapters> adapters;
    try {
        adapters.emplace(start(socket_fd, config));
    } catch (const std::exception& error) {
        // A failure of the worker itself (not of an adapter, which start() reports as a problem).
        const std::string message = std::string("worker startup failed: ") + error.what();
        report_startup_failure(socket_fd, message);
        leave_python(WorkerExit::startup_failed);
    }
    try {
        serve(socket_fd, *adapters);
    } catch (const std::exception& error) {
        report(error.what());
        leave_python(WorkerExit::protocol_error);
    }
}

void serve_in_interpreter(int socket_fd, std::string_view config_json) noexcept {
    PoolConfig config;
    try {
        const nlohmann::json json = nlohmann::json::parse(config_json);
        config.reference_adapter = json.at("reference_adapter").get<std::string>();
        config.candidate_adapter = json.at("candidate_adapter").get<std::string>();
        config.fixtures_dir = json.at("fixtures_dir").get<std::string>();
        for (const auto& entry : json.at("python_path")) {
            config.python_path.emplace_back(entry.get<std::string>());
        }
        config.trace_python_memory = json.at("trace_python_memory").get<bool>();
        config.max_output_depth = json.value("max_output_depth", config.max_output_depth);
        config.max_output_bytes = json.value("max_output_bytes", config.max_output_bytes);
    } catch (const std::exception& error) {
        const std::string message = std::string("unreadable worker config: ") + error.what();
        report_startup_failure(socket_fd, message);
        leave_python(WorkerExit::startup_failed);
    }
    serve_in_interpreter(socket_fd, config);
}

std::string worker_config_json(const PoolConfig& config) {
    nlohmann::json python_path = nlohmann::json::array();
    for (const auto& entry : config.python_path) {
        python_path.push_back(entry.string());
    }
    return nlohmann::json{
        {"reference_adapter", config.reference_adapter},     {"candidate_adapter", config.candidate_adapter},
        {"fixtures_dir", config.fixtures_dir.string()},      {"python_path", python_path},
        {"trace_python_memory", config.trace_python_memory}, {"max_output_depth", config.max_output_depth},
        {"max_output_bytes", config.max_output_bytes}}
        .dump();
}

}  // namespace parity::workers
