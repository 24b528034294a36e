#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

namespace parity::replay {

/// Replay progress on stderr: a redrawn bar on a terminal (requests/s, mismatches so far, ETA);
/// elsewhere (CI logs) a plain line every 10 % or every 30 s, whichever comes first.
class Progress {
public:
    /// `expected` may be an estimate (the manifest's count); 0 if unknown.
    Progress(std::ostream& out, std::uint64_t expected, bool terminal, bool enabled);

    void update(std::uint64_t done, std::uint64_t problems);
    void finish(std::uint64_t done, std::uint64_t problems);

private:
    void draw(std::uint64_t done, std::uint64_t problems, bool final);

    using Clock = std::chrono::steady_clock;
    std::ostream& out_;
    std::uint64_t expected_;
    bool terminal_;
    bool enabled_;
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_draw_ = start_;
    std::uint64_t last_decile_ = 0;
};

}  // namespace parity::replay
