#include "parity/harness/version.hpp"

namespace parity::harness {

std::string_view version() noexcept {
    return PARITY_VERSION;
}

}  // namespace parity::harness
