#include "report_fixture.hpp"

#include <atomic>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace parity::reports::testing {

std::filesystem::path fixture_dir(const std::string& name) {
    return std::filesystem::path(PARITY_REPORTS_TEST_DATA) / name;
}

ReportInputs load_fixture(const std::string& name) {
    return load_report_inputs(fixture_dir(name));
}

ReportInputs without_baseline(ReportInputs inputs) {
    inputs.report.baseline.reset();
    if (auto& latency = inputs.report.latency) {
        latency->vs_baseline.reset();
        if (latency->paths)
            latency->paths->baseline.reset();
        if (latency->minimum_detectable_slowdown)
            latency->minimum_detectable_slowdown->vs_baseline.reset();
    }
    if (inputs.report.memory)
        inputs.report.memory->baseline.reset();
    for (auto& request : inputs.requests) {
        request.baseline_wall_ns.reset();
        request.baseline_cpu_ns.reset();
    }
    inputs.verdict.reset();
    return inputs;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::filesystem::path copy_fixture(const std::string& name) {
    static std::atomic<int> counter{0};
    const auto dir =
        std::filesystem::temp_directory_path() /
        ("parity-reports-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy(fixture_dir(name), dir, std::filesystem::copy_options::recursive);
    return dir;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size()))
        ++n;
    return n;
}

}  // namespace parity::reports::testing
