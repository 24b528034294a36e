#include "process_memory.hpp"

#include <unistd.h>

#include <cstdio>

namespace parity::workers {

std::int64_t resident_set_bytes() {
    // stdio rather than an ifstream: this runs twice per path per request.
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (statm == nullptr) {
        return 0;
    }
    long long size_pages = 0;
    long long resident_pages = 0;
    const int read = std::fscanf(statm, "%lld %lld", &size_pages, &resident_pages);
    std::fclose(statm);
    return read == 2 ? static_cast<std::int64_t>(resident_pages) * ::sysconf(_SC_PAGESIZE) : 0;
}

}  // namespace parity::workers
