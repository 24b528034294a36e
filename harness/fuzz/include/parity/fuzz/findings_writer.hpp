#pragma once

// What `parity fuzz` and `parity shrink` leave behind (docs/fuzz.md, "Output"):
//
//   OUT/fuzz.json, fuzz.md       the run: options, counts per mutation, each finding
//   OUT/findings/                the findings as a corpus (synthetic), which replay and the gate read
//   OUT/repro/<finding id>/      per finding, the repro bundle (request.jsonl, reference.json,
//                                candidate.json, diff.json, README.txt) plus bundle.json (how to re-run
//                                or shrink it), original.jsonl (as found), test_<id>.py (a pytest case),
//                                case.json (for C++ tests) and fixtures/ (the fixtures it references)

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parity/fuzz/finding.hpp"
#include "parity/fuzz/fuzz_options.hpp"
#include "parity/fuzz/fuzz_session.hpp"

namespace parity::fuzz {

/// How the findings came about, for the corpus manifest's "synthetic" and the reports.
struct FindingsOrigin {
    std::string tool;                   // "parity fuzz" / "parity shrink"
    std::string command;                // the command line, as run
    std::optional<std::uint64_t> seed;  // parity fuzz's --seed
};

/// Writes OUT/findings/ (the corpus) and OUT/repro/<id>/ per finding; returns why a finding is not in
/// the corpus, per finding id (an input JSON cannot hold, NaN or a lone surrogate; an outcome it cannot).
std::map<std::string, std::string> write_findings(const std::filesystem::path& out, const RunOptions& options,
                                                  const FuzzSession& session,
                                                  const std::vector<Finding>& findings,
                                                  const FindingsOrigin& origin);

/// OUT/fuzz.json and OUT/fuzz.md.
void write_fuzz_report(const std::filesystem::path& out, const FuzzOptions& options,
                       const FuzzSession& session, const FuzzStats& stats,
                       const std::vector<Finding>& findings,
                       const std::map<std::string, std::string>& not_in_corpus, const FindingsOrigin& origin);

/// One finding as JSON (fuzz.json's "findings", parity shrink's shrink.json).
[[nodiscard]] nlohmann::ordered_json finding_json(const Finding& finding,
                                                  const std::map<std::string, std::string>& not_in_corpus);

}  // namespace parity::fuzz
