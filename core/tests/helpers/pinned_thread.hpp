#pragma once

// Pins the calling thread to one CPU for a test's scope, as taskset or `parity bench --pin-cpus`
// leave a process, and gives it back its CPUs after (Linux only).
//
//     {
//         const parity::test::PinnedThread pinned;   // now on its first allowed CPU only
//         CHECK(parity::platform::usable_cpus() == 1);
//     }                                              // back on every CPU it had

#if defined(__linux__)
#include <sched.h>

#include <stdexcept>

namespace parity::test {

class PinnedThread {
  public:
    PinnedThread() {
        CPU_ZERO(&allowed_);
        if (sched_getaffinity(0, sizeof allowed_, &allowed_) != 0) {
            throw std::runtime_error("PinnedThread: sched_getaffinity failed");
        }
        int first = 0;
        while (!CPU_ISSET(first, &allowed_)) {
            ++first;
        }
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(first, &one);
        if (sched_setaffinity(0, sizeof one, &one) != 0) {
            throw std::runtime_error("PinnedThread: sched_setaffinity failed");
        }
    }
    ~PinnedThread() {
        sched_setaffinity(0, sizeof allowed_, &allowed_);
    }
    PinnedThread(const PinnedThread&) = delete;
    PinnedThread& operator=(const PinnedThread&) = delete;

    /// How many CPUs the thread had before it was pinned.
    [[nodiscard]] int cpus_before() const {
        return CPU_COUNT(&allowed_);
    }

  private:
    cpu_set_t allowed_;
};

}  // namespace parity::test
#endif
