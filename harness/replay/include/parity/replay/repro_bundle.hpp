#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parity/diff/difference.hpp"
#include "parity/diff/outcome.hpp"
#include "parity/replay/replay_options.hpp"

namespace parity::replay {

/// What a repro bundle holds: enough to look at one mismatching request without the corpus open,
/// and the exact command that re-runs it.
struct ReproContent {
    std::string request_id;
    std::string request_line;            // the corpus line, verbatim
    std::vector<std::string> fixtures;   // ids, stored in the corpus's fixtures/ folder
    nlohmann::json reference;            // the outcome as {"output": …} / {"error": …} / {"crash": …}
    nlohmann::json candidate;
    std::vector<diff::Difference> differences;
    std::string place;  // "requests.jsonl:12", where the request is in the corpus
    // Set when the bundle is held to a size (bound_bundle, written_bounds.hpp):
    std::optional<nlohmann::json> request_summary{};  // written instead of request.jsonl: the line too long
    std::size_t differences_not_written = 0;          // beyond diff.json's share
    std::uint64_t max_file_bytes = 0;                 // each file's share; 0: no limit
    /// Written as bundle.json when not null: where the request comes from and how it was run (the corpus,
    /// the adapters, the rules), so that `parity shrink BUNDLE` needs nothing else (bundle_origin()).
    nlohmann::ordered_json origin{};
};

/// bundle.json's content: {"format": "parity.repro.bundle", "corpus", "reference", "candidate", "rules"}
/// with absolute paths (rules null when none).
[[nodiscard]] nlohmann::ordered_json bundle_origin(const std::filesystem::path& corpus,
                                                   const std::string& reference, const std::string& candidate,
                                                   const std::optional<std::filesystem::path>& rules);

/// A file-name-safe folder name for a request id: [A-Za-z0-9._-] kept, anything else as '_'.
[[nodiscard]] std::string bundle_folder_name(const std::string& request_id);

/// The command line that re-runs only this request with the same adapters and rules.
[[nodiscard]] std::string rerun_command(const ReplayOptions& options, const std::string& reference,
                                        const std::string& candidate, const std::string& request_id);

/// Writes `<report>/repro/<id>/` (request.jsonl, reference.json, candidate.json, diff.json,
/// README.txt with the command, bundle.json when content.origin is set); returns the folder relative to the
/// report. When that folder is taken (a corpus holding one id twice, or two ids spelling the same folder
/// name), the bundle goes to `<id>.<segment>.<line>` instead: every request keeps its own bundle.
std::string write_repro_bundle(const std::filesystem::path& report, const ReproContent& content,
                               const std::string& command);

/// {"kind", "pointer", "pattern", "reference", "candidate", "detail"}: one difference as JSON.
[[nodiscard]] nlohmann::ordered_json difference_to_json(const diff::Difference& difference);

/// Replaces NaN and ±inf (which JSON cannot hold) by {"$float": "nan" | "inf" | "-inf"}.
[[nodiscard]] nlohmann::json json_safe(const nlohmann::json& value);

/// Shell-quotes one argument for a POSIX shell.
[[nodiscard]] std::string shell_quote(const std::string& argument);

}  // namespace parity::replay
