#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parity/replay/corpus_integrity.hpp"
#include "parity/replay/manifest.hpp"

namespace parity::replay {

/// One valid request line. `line` is the raw JSON text, handed as is to the worker processes, whose
/// Python decodes it exactly as the recorder encoded it (big integers, floats, strings).
struct CorpusRequest {
    std::string id;
    std::string line;
    std::vector<std::string> fixtures;
    std::string file;  // segment name, e.g. "requests.jsonl"
    std::size_t line_number = 0;

    /// "requests.jsonl:12": unique in the corpus, where the id may not be.
    [[nodiscard]] std::string place() const {
        return line_place(file, line_number);
    }
};

/// A line (or segment) that cannot be replayed, with where it is: "requests.jsonl:12: malformed JSON: …".
/// Line 0 means the whole segment.
struct CorpusLineError {
    std::string file;
    std::size_t line = 0;
    std::string message;

    [[nodiscard]] std::string to_string() const;
};

using CorpusEntry = std::variant<CorpusRequest, CorpusLineError>;

/// Fixture ids a request may reference: the files present in `fixtures/`, minus those that failed to
/// load (with why), so a request naming a broken fixture is reported, not run.
struct FixtureCatalog {
    std::set<std::string> usable;
    std::map<std::string, std::string> unusable;  // id -> problem

    /// The ids of the `fixtures/sha256-<64 hex>.json` files present (contents not checked).
    static FixtureCatalog scan(const std::filesystem::path& corpus);
    void mark_unusable(const std::string& id, std::string problem);
};

/// "sha256-" followed by 64 lowercase hex digits.
[[nodiscard]] bool is_fixture_id(std::string_view text) noexcept;

/// Streams every line of every segment, oldest first, as a request or an error. Blank lines are
/// skipped. Mirrors python/parity/corpus.py, except that a missing segment is one of `problems()`
/// here, not an entry (the Python reader yields it as an error line). Memory grows with the corpus
/// only by the ids it remembers to find duplicates (CorpusTally).
///
/// What is wrong with the corpus as a whole is not a line: a missing or unreadable segment, a
/// manifest `count` other than the lines read, an id used twice. Those are `problems()`.
///
///     CorpusReader reader(path, Manifest::load(path), FixtureCatalog::scan(path));
///     while (auto entry = reader.next()) { ... }
///     reader.problems();  // {"requests.jsonl:9: request id \"a\" already used at requests.jsonl:1"}
class CorpusReader {
  public:
    CorpusReader(std::filesystem::path corpus, Manifest manifest, FixtureCatalog fixtures);

    /// The next entry, or nullopt after the last segment.
    std::optional<CorpusEntry> next();

    /// The corpus problems found so far: segments that could not be read, duplicate ids, and, once
    /// next() has returned nullopt, a `count` that disagrees with the lines read.
    [[nodiscard]] std::vector<std::string> problems() const;
    [[nodiscard]] const CorpusTally& tally() const noexcept {
        return tally_;
    }

  private:
    bool open_next_segment();
    CorpusEntry parse(const std::string& line, bool truncated) const;

    std::filesystem::path corpus_;
    Manifest manifest_;
    FixtureCatalog fixtures_;
    std::size_t segment_index_ = 0;
    std::string segment_name_;
    std::ifstream segment_;
    std::size_t line_number_ = 0;
    CorpusTally tally_;
    std::vector<std::string> segment_problems_;
    bool read_to_end_ = false;
};

/// Where the valid requests with this id are ("requests.jsonl:12", in reading order): one streaming
/// pass over the corpus, keeping only the matches. More than one makes `--id` ambiguous.
[[nodiscard]] std::vector<std::string> places_of_request(const std::filesystem::path& corpus,
                                                         const Manifest& manifest, const std::string& id);

/// Why `text` is not valid UTF-8 ("invalid UTF-8 at byte 7: invalid continuation byte"), or "".
[[nodiscard]] std::string utf8_problem(std::string_view text);

}  // namespace parity::replay
