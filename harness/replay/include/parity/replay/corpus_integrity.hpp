#pragma once

// What a corpus as a whole can get wrong beside its lines: a segment the manifest lists that is not
// there, a segment file it does not list, a `count` that disagrees with the lines, an id used twice.
// Each is a problem of report.json's corpus.problems (the corpus is then incomplete), named by file
// and line like a bad line is.

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "parity/replay/manifest.hpp"

namespace parity::replay {

/// The corpus cannot be replayed as asked: a listed segment is missing (without --allow-incomplete),
/// or --id names an id the corpus holds more than once. An input error, like an unusable manifest.
class CorpusIntegrityError : public CorpusFormatError {
  public:
    using CorpusFormatError::CorpusFormatError;
};

/// "requests.jsonl:12": where a request line is, unique within a corpus (ids may not be).
[[nodiscard]] std::string line_place(const std::string& file, std::size_t line);

/// The segments the manifest lists that cannot be read, one problem each:
/// "requests.000007.jsonl: segment listed in manifest.json is missing". `requests.jsonl` may be
/// absent right after a rotation, so its absence is not one (a wrong count still shows).
[[nodiscard]] std::vector<std::string> unreadable_segments(const std::filesystem::path& corpus,
                                                           const Manifest& manifest);

/// The `requests*.jsonl` files in the folder that the manifest does not list (never replayed).
[[nodiscard]] std::vector<std::string> unlisted_segments(const std::filesystem::path& corpus,
                                                         const Manifest& manifest);

/// Counts the request lines read and remembers each valid request's id, to say where the corpus
/// disagrees with its manifest and which ids it holds twice (two recordings merged into one folder).
///
/// Memory grows with the corpus here, and only here: one 64-bit hash of the id and its place per
/// valid request (a few dozen bytes each). Two different ids share a hash with a chance of about
/// n² / 2⁶⁵ (3 in a million for 10 million requests); such a pair would be reported as a duplicate.
///
///     CorpusTally tally;
///     tally.add_line(); tally.add_request("a", "requests.jsonl", 1);
///     tally.problems(3, true);  // {"manifest.json: count is 3, but the segments hold 1 request line"}
class CorpusTally {
  public:
    /// One non-blank line of a segment, valid or not: what the manifest's `count` counts.
    void add_line() noexcept {
        ++lines_;
    }
    /// A valid request; a duplicate id is remembered with both places.
    void add_request(const std::string& id, const std::string& file, std::size_t line);

    [[nodiscard]] std::uint64_t lines() const noexcept {
        return lines_;
    }
    /// Requests whose id an earlier request of the corpus already had.
    [[nodiscard]] std::uint64_t duplicates() const noexcept {
        return duplicates_;
    }

    /// The count against the lines (when `read_to_end`) and the duplicate ids (the first few one by
    /// one, then how many more), as corpus problems.
    [[nodiscard]] std::vector<std::string> problems(std::uint64_t manifest_count, bool read_to_end) const;

  private:
    static constexpr std::size_t duplicates_listed = 10;

    std::uint64_t lines_ = 0;
    std::uint64_t duplicates_ = 0;
    std::vector<std::string> files_;  // segment names seen, indexed by the places below
    std::unordered_map<std::uint64_t, std::uint64_t> first_place_;  // id hash -> file index << 48 | line
    std::vector<std::string> listed_;  // the first duplicates_listed duplicates, as problems
};

}  // namespace parity::replay
