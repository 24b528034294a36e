#pragma once

// case.json of a finding (docs/fuzz.md, "Output"), read back: what a C++ test needs to run the request
// again — through a port's own API, or through both adapters in a worker pool — and to know what the
// reference answered.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/fuzz/divergence.hpp"
#include "parity/fuzz/fuzz_session.hpp"

namespace parity::fuzz {

struct FuzzCase {
    std::string kernel;
    std::string id;
    Divergence divergence;
    /// The input as JSON text exactly as the workers received it (Python's json.loads reads NaN, big
    /// integers and lone surrogates back); `input` is the same as strict JSON (NaN and infinities as
    /// {"$float": …}), null when a lone surrogate is in it.
    std::string input_text;
    nlohmann::json input;
    std::vector<std::string> fixtures;   // ids, files in fixtures_dir
    std::filesystem::path fixtures_dir;  // the case's fixtures/ folder
    nlohmann::json reference;  // {"output": …} or {"error": {"type", "message"}} (or crash/timeout)
    nlohmann::json candidate;
};

/// Reads `<bundle>/case.json` (or the file given); throws std::runtime_error naming the file and the key.
[[nodiscard]] FuzzCase read_fuzz_case(const std::filesystem::path& path);

/// The request line a worker pool runs for the case (workers::Job::request_line).
[[nodiscard]] std::string worker_line(const FuzzCase& fuzz_case);

}  // namespace parity::fuzz
