#include "parity/replay/corpus_integrity.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <regex>
#include <string_view>

namespace parity::replay {
namespace {

constexpr std::string_view current_segment = "requests.jsonl";
/// A place packs the segment's index above the line number: 2^48 lines per segment, 2^16 segments.
constexpr unsigned line_bits = 48;
constexpr std::uint64_t line_mask = (std::uint64_t{1} << line_bits) - 1;

bool is_segment_file_name(const std::string& name) {
    static const std::regex pattern{R"(requests(\.[0-9]{6})?\.jsonl)"};
    return std::regex_match(name, pattern);
}

std::string lines_text(std::uint64_t lines) {
    return std::to_string(lines) + (lines == 1 ? " request line" : " request lines");
}

}  // namespace

std::string line_place(const std::string& file, std::size_t line) {
    return file + ":" + std::to_string(line);
}

std::vector<std::string> unreadable_segments(const std::filesystem::path& corpus, const Manifest& manifest) {
    std::vector<std::string> problems;
    for (const auto& name : manifest.segments) {
        const std::filesystem::path path = corpus / name;
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            if (name != current_segment) {
                problems.push_back(name + ": segment listed in " + std::string(Manifest::file_name) +
                                   " is missing");
            }
            continue;
        }
        if (std::filesystem::is_directory(path, error) || !std::ifstream(path, std::ios::binary)) {
            problems.push_back(name + ": segment listed in " + std::string(Manifest::file_name) +
                               " cannot be read");
        }
    }
    return problems;
}

std::vector<std::string> unlisted_segments(const std::filesystem::path& corpus, const Manifest& manifest) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(corpus, error)) {
        const std::string name = entry.path().filename().string();
        if (is_segment_file_name(name) &&
            std::find(manifest.segments.begin(), manifest.segments.end(), name) == manifest.segments.end()) {
            names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> problems;
    for (const auto& name : names) {
        problems.push_back(name + ": segment file not listed in " + std::string(Manifest::file_name) +
                           " (its lines are not replayed)");
    }
    return problems;
}

void CorpusTally::add_request(const std::string& id, const std::string& file, std::size_t line) {
    if (files_.empty() || files_.back() != file) {
        files_.push_back(file);  // segments are read one after the other, each once
    }
    const std::uint64_t place =
        (static_cast<std::uint64_t>(files_.size() - 1) << line_bits) | (line & line_mask);
    const auto [found, inserted] = first_place_.try_emplace(std::hash<std::string>{}(id), place);
    if (inserted) {
        return;
    }
    ++duplicates_;
    if (listed_.size() < duplicates_listed) {
        const std::uint64_t first = found->second;
        listed_.push_back(line_place(file, line) + ": request id \"" + id + "\" already used at " +
                          line_place(files_[first >> line_bits], first & line_mask));
    }
}

std::vector<std::string> CorpusTally::problems(std::uint64_t manifest_count, bool read_to_end) const {
    std::vector<std::string> problems;
    if (read_to_end && manifest_count != lines_) {
        problems.push_back(std::string(Manifest::file_name) + ": count is " + std::to_string(manifest_count) +
                           ", but the segments hold " + lines_text(lines_));
    }
    problems.insert(problems.end(), listed_.begin(), listed_.end());
    if (duplicates_ > listed_.size()) {
        problems.push_back(std::to_string(duplicates_ - listed_.size()) +
                           " more requests reuse an earlier request's id (" + std::to_string(duplicates_) +
                           " in all)");
    }
    return problems;
}

}  // namespace parity::replay
