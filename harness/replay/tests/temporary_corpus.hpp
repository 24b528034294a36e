#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace parity::replay::testing {

/// A corpus folder under the system temp dir, removed on destruction.
class TemporaryCorpus {
public:
    TemporaryCorpus();
    ~TemporaryCorpus();
    TemporaryCorpus(const TemporaryCorpus&) = delete;
    TemporaryCorpus& operator=(const TemporaryCorpus&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    /// Writes manifest.json for kernel "k" with these segments and this `count`.
    void write_manifest(const std::vector<std::string>& segments = {"requests.jsonl"},
                        std::uint64_t count = 3) const;
    /// Writes `name` with exactly `content` (no newline added).
    void write(const std::string& name, const std::string& content) const;
    /// A valid request line (with its trailing newline).
    static std::string request(const std::string& id, const std::string& fixtures = "[]");

private:
    std::filesystem::path path_;
};

}  // namespace parity::replay::testing
