#pragma once

#include <cstddef>
#include <cstdint>

#include "parity/workers/job.hpp"

namespace parity::workers {

/// What a worker sends back per path, at most (PoolConfig::max_output_depth / max_output_bytes).
struct OutputBounds {
    std::size_t max_depth = 0;
    std::uint64_t max_bytes = 0;
};

/// Conversion notes sent per path, at most; the rest are counted in one last note.
inline constexpr std::size_t max_sent_notes = 100;
/// A note's JSON pointer is cut to this many bytes (a 200,000-deep value has 400 kB pointers).
inline constexpr std::size_t max_note_pointer_bytes = 1000;

/// Holds `result` to `bounds` in place: an output's parts too deep or beyond the size are replaced by
/// their summaries (parity/bounds/bound_value.hpp), an exception's over-long message by a string that
/// names its length and hash; notes are capped. Counts what was summarised in
/// result.summarised_for_depth / summarised_for_size.
void bound_path_result(PathResult& result, const OutputBounds& bounds);

}  // namespace parity::workers
