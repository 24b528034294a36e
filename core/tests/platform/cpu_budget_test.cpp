// cgroup_cpu_quota on fake cgroup trees (folders and a mountinfo naming them), and usable_cpus
// against this process's own affinity mask.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "helpers/pinned_thread.hpp"
#include "parity/platform/cpu_budget.hpp"

namespace {

using parity::platform::cgroup_cpu_quota;
namespace fs = std::filesystem;

/// A temporary folder, removed with its contents.
class TempFolder {
  public:
    TempFolder() {
        std::random_device seed;
        path_ = fs::temp_directory_path() / ("parity-cpu-budget-" + std::to_string(seed()));
        fs::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    [[nodiscard]] const fs::path& path() const {
        return path_;
    }

    /// Writes `text` to `relative` (its folders made).
    void write(const std::string& relative, const std::string& text) const {
        const fs::path file = path_ / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text << "\n";
    }

  private:
    fs::path path_;
};

/// A mountinfo line for a cgroup file system at `mount_point`.
std::string mount_line(const fs::path& mount_point, const std::string& type, const std::string& super_options,
                       const std::string& root = "/") {
    return "35 25 0:30 " + root + " " + mount_point.string() +
           " rw,nosuid,nodev,noexec,relatime shared:9 - " + type + " " + type + " " + super_options + "\n";
}

}  // namespace

TEST_CASE("cgroup v2: cpu.max of the process's cgroup, rounded up", "[platform]") {
    const TempFolder root;
    const std::string mountinfo = mount_line(root.path(), "cgroup2", "rw,nsdelegate");
    root.write("app.slice/worker.service/cpu.max", "150000 100000");
    CHECK(cgroup_cpu_quota("0::/app.slice/worker.service\n", mountinfo) == 2U);
    root.write("app.slice/worker.service/cpu.max", "200000 100000");
    CHECK(cgroup_cpu_quota("0::/app.slice/worker.service\n", mountinfo) == 2U);
    root.write("app.slice/worker.service/cpu.max", "50000 100000");
    CHECK(cgroup_cpu_quota("0::/app.slice/worker.service\n", mountinfo) == 1U);  // at least one
    root.write("app.slice/worker.service/cpu.max", "max 100000");
    CHECK_FALSE(cgroup_cpu_quota("0::/app.slice/worker.service\n", mountinfo).has_value());
}

TEST_CASE("cgroup v2: the smallest quota on the way up to the top cgroup", "[platform]") {
    const TempFolder root;
    const std::string mountinfo = mount_line(root.path(), "cgroup2", "rw");
    root.write("kubepods/pod1/cpu.max", "300000 100000");
    root.write("kubepods/pod1/container/cpu.max", "max 100000");
    CHECK(cgroup_cpu_quota("0::/kubepods/pod1/container\n", mountinfo) == 3U);
    root.write("kubepods/cpu.max", "100000 100000");
    CHECK(cgroup_cpu_quota("0::/kubepods/pod1/container\n", mountinfo) == 1U);
    // A container's own namespace: its cgroup is "/", the top of the mount.
    root.write("cpu.max", "400000 100000");
    CHECK(cgroup_cpu_quota("0::/\n", mountinfo) == 4U);
}

TEST_CASE("cgroup v2 mounted below its root: the path is taken relative to the mount", "[platform]") {
    const TempFolder root;
    root.write("cpu.max", "200000 100000");
    const std::string mountinfo = mount_line(root.path(), "cgroup2", "rw", "/docker/abc");
    CHECK(cgroup_cpu_quota("0::/docker/abc\n", mountinfo) == 2U);
    root.write("job/cpu.max", "300000 100000");
    CHECK(cgroup_cpu_quota("0::/docker/abc/job\n", mountinfo) == 2U);  // the smaller, above it
    root.write("cpu.max", "max 100000");
    CHECK(cgroup_cpu_quota("0::/docker/abc/job\n", mountinfo) == 3U);
    // A path that only starts with the same letters is not below the mount's root ("def" is not its
    // cgroup, though the mount has a folder of that name).
    root.write("def/cpu.max", "100000 100000");
    CHECK_FALSE(cgroup_cpu_quota("0::/docker/abcdef\n", mountinfo).has_value());
}

TEST_CASE("cgroup v1: cfs quota over period of the cpu controller's cgroup", "[platform]") {
    const TempFolder root;
    const fs::path cpu = root.path() / "cpu";
    const std::string mountinfo =
        mount_line(cpu, "cgroup", "rw,cpu") + mount_line(root.path() / "memory", "cgroup", "rw,memory");
    const std::string self = "4:memory:/limited\n1:cpu:/job\n0::/\n";
    root.write("cpu/job/cpu.cfs_quota_us", "250000");
    root.write("cpu/job/cpu.cfs_period_us", "100000");
    root.write("cpu/cpu.cfs_quota_us", "-1");
    root.write("cpu/cpu.cfs_period_us", "100000");
    CHECK(cgroup_cpu_quota(self, mountinfo) == 3U);
    root.write("cpu/job/cpu.cfs_quota_us", "-1");
    CHECK_FALSE(cgroup_cpu_quota(self, mountinfo).has_value());
    // The controller mounted together with cpuacct.
    const std::string combined = mount_line(cpu, "cgroup", "rw,cpu,cpuacct");
    root.write("cpu/job/cpu.cfs_quota_us", "100000");
    CHECK(cgroup_cpu_quota("3:cpu,cpuacct:/job\n", combined) == 1U);
}

TEST_CASE("no quota without cgroup mounts, files or lines to read", "[platform]") {
    const TempFolder root;
    CHECK_FALSE(cgroup_cpu_quota("0::/\n", "").has_value());
    CHECK_FALSE(cgroup_cpu_quota("", mount_line(root.path(), "cgroup2", "rw")).has_value());
    CHECK_FALSE(cgroup_cpu_quota("0::/missing\n", mount_line(root.path(), "cgroup2", "rw")).has_value());
    CHECK_FALSE(cgroup_cpu_quota("garbage\n", "garbage line\n").has_value());
    root.write("cpu.max", "garbage");
    CHECK_FALSE(cgroup_cpu_quota("0::/\n", mount_line(root.path(), "cgroup2", "rw")).has_value());
}

#if defined(__linux__)
TEST_CASE("usable_cpus is the affinity mask's count, at most, and 1 when pinned", "[platform]") {
    const unsigned usable = parity::platform::usable_cpus();
    const parity::test::PinnedThread pinned;
    CHECK(usable >= 1U);
    CHECK(usable <= static_cast<unsigned>(pinned.cpus_before()));
    CHECK(parity::platform::usable_cpus() == 1U);
}
#endif
