#pragma once

// How many CPUs this process may keep busy: what a default thread or worker count should be. The
// machine's count (std::thread::hardware_concurrency) overstates it when the process is pinned
// (taskset, `parity bench --pin-cpus`), confined to a container's cpuset, or given a CPU quota (a
// container's --cpus, a Kubernetes CPU limit): threads beyond the budget take turns on the CPUs
// there are, and a timed call that loses its CPU mid-way measures the wait.
//
//     const unsigned threads = parity::platform::usable_cpus();

#include <optional>
#include <string_view>

namespace parity::platform {

/// The CPUs the calling thread may run on (its affinity mask), capped by the cgroup CPU quota of
/// the process rounded up (1.5 CPUs allow 2 threads); at least 1. Without an affinity mask to read
/// (not Linux, or more CPUs than cpu_set_t holds), the machine's count.
[[nodiscard]] unsigned usable_cpus();

/// The CPU quota, in CPUs rounded up, of the process whose /proc/self/cgroup reads `self_cgroup`
/// and /proc/self/mountinfo `mountinfo`: the smallest quota from its cgroup up to the top one that
/// the mounts show, cpu.max for cgroup v2 ("200000 100000": 2), cpu.cfs_quota_us over
/// cpu.cfs_period_us for v1 (both kinds are read on a hybrid system). nullopt when no cgroup on the
/// way has a quota ("max", -1) or none can be read.
[[nodiscard]] std::optional<unsigned> cgroup_cpu_quota(std::string_view self_cgroup,
                                                       std::string_view mountinfo);

}  // namespace parity::platform
