#include "parity/platform/cpu_budget.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif

namespace parity::platform {
namespace {

std::optional<std::string> first_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line)) {
        return std::nullopt;
    }
    return line;
}

std::optional<std::int64_t> read_integer(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::int64_t value = 0;
    if (!(in >> value)) {
        return std::nullopt;
    }
    return value;
}

/// ceil(quota / period) for a positive quota and period, else nullopt (no quota).
std::optional<unsigned> cpus_of(std::optional<std::int64_t> quota, std::optional<std::int64_t> period) {
    if (!quota || !period || *quota <= 0 || *period <= 0) {
        return std::nullopt;
    }
    return static_cast<unsigned>(std::max<std::int64_t>(1, (*quota + *period - 1) / *period));
}

/// cgroup v2: cpu.max holds "<quota> <period>" or "max <period>".
std::optional<unsigned> v2_quota(const std::filesystem::path& cgroup) {
    const std::optional<std::string> line = first_line(cgroup / "cpu.max");
    if (!line) {
        return std::nullopt;
    }
    const std::size_t space = line->find(' ');
    if (space == std::string::npos) {
        return std::nullopt;
    }
    const std::string_view text = *line;
    return cpus_of(read_integer(text.substr(0, space)), read_integer(text.substr(space + 1)));
}

/// cgroup v1: cpu.cfs_quota_us (-1 for none) over cpu.cfs_period_us.
std::optional<unsigned> v1_quota(const std::filesystem::path& cgroup) {
    const std::optional<std::string> quota = first_line(cgroup / "cpu.cfs_quota_us");
    const std::optional<std::string> period = first_line(cgroup / "cpu.cfs_period_us");
    if (!quota || !period) {
        return std::nullopt;
    }
    return cpus_of(read_integer(*quota), read_integer(*period));
}

/// `smallest` becomes `quota` when that is smaller, or when `smallest` has none yet.
void keep_smaller(std::optional<unsigned>& smallest, std::optional<unsigned> quota) {
    if (quota && (!smallest || *quota < *smallest)) {
        smallest = quota;
    }
}

/// The smallest quota from `folder` up to `top`, both included.
template <typename Quota>
std::optional<unsigned> smallest_on_the_way_up(std::filesystem::path folder, const std::filesystem::path& top,
                                               const Quota& quota_of) {
    std::optional<unsigned> smallest;
    while (true) {
        keep_smaller(smallest, quota_of(folder));
        if (folder == top || !folder.has_relative_path() || folder.parent_path() == folder) {
            return smallest;
        }
        folder = folder.parent_path();
    }
}

std::optional<std::string> read_all(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::istringstream in{std::string(text)};
    std::string part;
    while (std::getline(in, part, separator)) {
        parts.push_back(part);
    }
    return parts;
}

/// A cgroup file system as /proc/self/mountinfo lists it: where it is mounted, which cgroup is at
/// the mount point, and its kind.
struct CgroupMount {
    std::filesystem::path mount_point;
    std::string root;
    bool is_v2 = false;
    std::vector<std::string> controllers;  // v1: the super options (rw,cpu,cpuacct)
};

/// Lines "<id> <parent> <dev> <root> <mount point> <options> [optional fields] - <type> <source>
/// <super options>".
std::vector<CgroupMount> cgroup_mounts(std::string_view mountinfo) {
    std::vector<CgroupMount> mounts;
    for (const std::string& line : split(mountinfo, '\n')) {
        const std::size_t dash = line.find(" - ");
        if (dash == std::string::npos) {
            continue;
        }
        const std::vector<std::string> before = split(line.substr(0, dash), ' ');
        const std::vector<std::string> after = split(line.substr(dash + 3), ' ');
        if (before.size() < 5 || after.size() < 3) {
            continue;
        }
        CgroupMount mount{before[4], before[3], after[0] == "cgroup2", {}};
        if (!mount.is_v2 && after[0] != "cgroup") {
            continue;
        }
        if (!mount.is_v2) {
            mount.controllers = split(after[2], ',');
        }
        mounts.push_back(std::move(mount));
    }
    return mounts;
}

/// Whether a v1 hierarchy's controllers ("cpu,cpuacct") include the CPU controller.
bool has_cpu_controller(const std::vector<std::string>& controllers) {
    return std::ranges::find(controllers, "cpu") != controllers.end();
}

/// Where the cgroup `path` is under `mount`: its mount point plus the path below the mount's root.
std::filesystem::path folder_of(const CgroupMount& mount, std::string_view path) {
    const bool below_root = path == mount.root || (path.substr(0, mount.root.size()) == mount.root &&
                                                   path.substr(mount.root.size(), 1) == "/");
    if (mount.root != "/" && below_root) {
        path.remove_prefix(mount.root.size());
    }
    return mount.mount_point / std::filesystem::path(path).relative_path();
}

}  // namespace

std::optional<unsigned> cgroup_cpu_quota(std::string_view self_cgroup, std::string_view mountinfo) {
    const std::vector<CgroupMount> mounts = cgroup_mounts(mountinfo);
    std::optional<unsigned> smallest;
    // Lines "<hierarchy id>:<controllers>:<path>": "0::<path>" is the v2 hierarchy's, a line whose
    // controllers include "cpu" the v1 CPU controller's.
    for (const std::string& line : split(self_cgroup, '\n')) {
        const std::size_t first = line.find(':');
        const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
        if (second == std::string::npos) {
            continue;
        }
        const std::vector<std::string> controllers = split(line.substr(first + 1, second - first - 1), ',');
        const std::string path = line.substr(second + 1);
        const bool is_v2 = line.compare(0, first, "0") == 0 && controllers.empty();
        const bool is_v1_cpu = has_cpu_controller(controllers);
        for (const CgroupMount& mount : mounts) {
            if (is_v2 && mount.is_v2) {
                keep_smaller(smallest,
                             smallest_on_the_way_up(folder_of(mount, path), mount.mount_point, v2_quota));
            } else if (is_v1_cpu && !mount.is_v2 && has_cpu_controller(mount.controllers)) {
                keep_smaller(smallest,
                             smallest_on_the_way_up(folder_of(mount, path), mount.mount_point, v1_quota));
            }
        }
    }
    return smallest;
}

unsigned usable_cpus() {
    unsigned cpus = std::max(1U, std::thread::hardware_concurrency());
#if defined(__linux__)
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        cpus = static_cast<unsigned>(std::max(1, CPU_COUNT(&allowed)));
    }
    const std::optional<std::string> self_cgroup = read_all("/proc/self/cgroup");
    const std::optional<std::string> mountinfo = read_all("/proc/self/mountinfo");
    if (self_cgroup && mountinfo) {
        if (const std::optional<unsigned> quota = cgroup_cpu_quota(*self_cgroup, *mountinfo)) {
            cpus = std::min(cpus, *quota);
        }
    }
#endif
    return cpus;
}

}  // namespace parity::platform
