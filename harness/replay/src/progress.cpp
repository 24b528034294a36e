#include "parity/replay/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace parity::replay {
namespace {

constexpr auto terminal_redraw_interval = std::chrono::milliseconds(100);
constexpr auto log_line_interval = std::chrono::seconds(30);
constexpr int bar_width = 30;

std::string format_eta(double seconds) {
    char text[32];
    if (seconds < 60) {
        std::snprintf(text, sizeof text, "%.0fs", seconds);
    } else {
        std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
    }
    return text;
}

}  // namespace

Progress::Progress(std::ostream& out, std::uint64_t expected, bool terminal, bool enabled)
    : out_(out), expected_(expected), terminal_(terminal), enabled_(enabled) {}

void Progress::update(std::uint64_t done, std::uint64_t problems) {
    if (!enabled_) {
        return;
    }
    const auto now = Clock::now();
    if (terminal_) {
        if (now - last_draw_ >= terminal_redraw_interval) {
            draw(done, problems, false);
        }
        return;
    }
    const std::uint64_t decile = expected_ ? std::min<std::uint64_t>(done * 10 / expected_, 10) : 0;
    if (decile == 10) {
        return;  // finish() prints the last line
    }
    if (decile > last_decile_ || now - last_draw_ >= log_line_interval) {
        last_decile_ = decile;
        draw(done, problems, false);
    }
}

void Progress::finish(std::uint64_t done, std::uint64_t problems) {
    if (enabled_) {
        draw(done, problems, true);
    }
}

void Progress::draw(std::uint64_t done, std::uint64_t problems, bool final) {
    last_draw_ = Clock::now();
    const double elapsed = std::chrono::duration<double>(last_draw_ - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const std::uint64_t total = std::max(expected_, done);
    std::string eta = "?";
    if (final) {
        eta = "done";
    } else if (rate > 0) {
        eta = format_eta(static_cast<double>(total - done) / rate);  // "0s" while the last results arrive
    }
    char status[160];
    std::snprintf(status, sizeof status, "%llu/%llu requests  %.1f req/s  %llu with differences  ETA %s",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), rate,
                  static_cast<unsigned long long>(problems), eta.c_str());
    if (!terminal_) {
        out_ << "replay: " << status << '\n' << std::flush;
        return;
    }
    const int filled = total ? static_cast<int>(bar_width * done / total) : 0;
    out_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(bar_width - filled), ' ') << "] " << status << "\x1b[K"
         << (final ? "\n" : "") << std::flush;
}

}  // namespace parity::replay
