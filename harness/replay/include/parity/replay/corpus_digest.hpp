#pragma once

#include <filesystem>
#include <string>

#include "parity/replay/manifest.hpp"

namespace parity::replay {

/// The corpus's identity: a 64-bit FNV-1a hash of its segments as the replay reads them, in the
/// manifest's order (each segment's name, then its bytes; a missing segment hashed as missing), as
/// "fnv1a64-<16 hex digits>". Two reports with the same digest replayed the same requests; `parity
/// merge` compares it across shards. An identity, not a security check: anyone can forge a collision.
///
///     corpus_digest("corpora/imports-sample", Manifest::load("corpora/imports-sample"));
[[nodiscard]] std::string corpus_digest(const std::filesystem::path& corpus, const Manifest& manifest);

}  // namespace parity::replay
