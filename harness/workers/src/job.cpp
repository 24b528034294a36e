#include "parity/workers/job.hpp"

namespace parity::workers {

std::string_view to_string(PathName name) noexcept {
    switch (name) {
        case PathName::reference:
            return "reference";
        case PathName::candidate:
            return "candidate";
        case PathName::noise:
            return "noise";
    }
    return "?";
}

std::string_view to_string(PathStatus status) noexcept {
    switch (status) {
        case PathStatus::ok:
            return "ok";
        case PathStatus::error:
            return "error";
        case PathStatus::crash:
            return "crash";
        case PathStatus::timeout:
            return "timeout";
        case PathStatus::unavailable:
            return "unavailable";
    }
    return "?";
}

}  // namespace parity::workers
