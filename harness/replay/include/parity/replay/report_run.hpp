#pragma once

// report.json's description of the run: which parity, which corpus, with which options.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parity/harness/model_reader.hpp"

namespace parity::replay {

/// "tool": the parity that wrote the report.
struct ToolInfo {
    std::string name = "parity";
    std::string version;
};

/// "corpus": the corpus replayed, as its manifest describes it.
struct CorpusInfo {
    std::string path;  // absolute
    std::string kernel;
    std::uint64_t count = 0;
    std::string service_version;
    std::string description;
    nlohmann::json recorder = nlohmann::json::object();  // the manifest's settings and counters, quoted
    /// Content hash of the manifest's segments as read, in order, "<algorithm>-<hex>"; what `parity
    /// merge` compares across shards.
    std::string digest;
    /// False when the evidence is known to be partial: a segment missing, the manifest's count
    /// disagreeing with the lines, shards missing from a merge. The gate never says GO on it.
    bool complete = true;
    std::vector<std::string> problems;  // why it is not complete, each naming file and line
};

/// "options": what the replay was asked to do (the flags of `parity replay`).
struct RunOptions {
    unsigned jobs = 1;
    double timeout_s = 0;
    int noise_runs = 0;
    std::uint64_t seed = 1;
    bool strict = false;
    std::string shard = "1/1";  // "I/N", or "merged"
    std::size_t warmup = 0;
    std::size_t repeat = 1;
    bool pin_cpus = false;
    bool trace_python_memory = false;
    std::optional<std::uint64_t> limit;  // null when not given
    std::optional<std::string> id;
    std::optional<std::string> rules;         // absolute path of the rules file
    std::optional<std::string> ported_stage;  // --ported-stage; absent in older reports
};

void to_json(nlohmann::ordered_json& json, const ToolInfo& tool);
void read_model(const harness::ModelReader& in, ToolInfo& tool);

void to_json(nlohmann::ordered_json& json, const CorpusInfo& corpus);
void read_model(const harness::ModelReader& in, CorpusInfo& corpus);

void to_json(nlohmann::ordered_json& json, const RunOptions& options);
void read_model(const harness::ModelReader& in, RunOptions& options);

}  // namespace parity::replay
