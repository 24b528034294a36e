#include "parity/replay/environment.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include "parity/harness/version.hpp"

namespace parity::replay {
namespace {

constexpr int timer_pairs = 10'001;

std::optional<std::string> first_line(const char* path) {
    std::ifstream in(path);
    std::string line;
    if (in && std::getline(in, line) && !line.empty())
        return line;
    return std::nullopt;
}

std::optional<std::string> cpuinfo_field(const std::string& key) {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(key)) {
            const auto colon = line.find(':');
            if (colon != std::string::npos && colon + 2 <= line.size())
                return line.substr(colon + 2);
        }
    }
    return std::nullopt;
}

std::array<double, 3> load_average() {
    std::array<double, 3> load{};
    if (::getloadavg(load.data(), 3) != 3)
        load = {};
    return load;
}

std::optional<std::string> current_git_commit() {
    // The commit of the project being replayed (the working directory), which is what a reader wants.
    std::FILE* pipe = ::popen("git rev-parse HEAD 2>/dev/null", "r");
    if (pipe == nullptr)
        return std::nullopt;
    char buffer[64] = {};
    const bool read = std::fgets(buffer, sizeof buffer, pipe) != nullptr;
    ::pclose(pipe);
    std::string commit = read ? buffer : "";
    while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r'))
        commit.pop_back();
    if (commit.size() != 40)
        return std::nullopt;
    return commit;
}

}  // namespace

Environment capture_environment(const std::string& service_version) {
    Environment environment;
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    environment.host_name = host;
    environment.cpu_model = cpuinfo_field("model name").value_or("unknown");
    environment.cores = std::thread::hardware_concurrency();
    environment.governor = first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
    if (const auto mhz = cpuinfo_field("cpu MHz"))
        environment.mhz = std::strtod(mhz->c_str(), nullptr);
    environment.load_average_start = load_average();
    utsname name{};
    if (::uname(&name) == 0) {
        environment.kernel = std::string(name.sysname) + " " + name.release + " " + name.machine;
    }
#if defined(__clang__)
    environment.compiler = std::string("Clang ") + __clang_version__;
#elif defined(__GNUC__)
    environment.compiler = std::string("GNU ") + __VERSION__;
#endif
    environment.build_type = PARITY_BUILD_TYPE;
    environment.cxx_flags = PARITY_CXX_FLAGS;
    environment.python = PARITY_PYTHON_VERSION;
    environment.parity_version = std::string(harness::version());
    environment.service_version = service_version;
    environment.git_commit = current_git_commit();
    return environment;
}

void note_end_load(Environment& environment) {
    environment.load_average_end = load_average();
}

double timer_overhead_ns() {
    std::vector<double> pairs(timer_pairs);
    for (double& pair : pairs) {
        const auto first = std::chrono::steady_clock::now();
        const auto second = std::chrono::steady_clock::now();
        pair =
            static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(second - first).count());
    }
    std::nth_element(pairs.begin(), pairs.begin() + timer_pairs / 2, pairs.end());
    return pairs[timer_pairs / 2];
}

}  // namespace parity::replay
