#include "temporary_corpus.hpp"

#include <fstream>
#include <random>

namespace parity::replay::testing {

TemporaryCorpus::TemporaryCorpus() {
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() / ("parity-corpus-" + std::to_string(entropy()));
    std::filesystem::create_directories(path_ / "fixtures");
}

TemporaryCorpus::~TemporaryCorpus() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void TemporaryCorpus::write_manifest(const std::vector<std::string>& segments, std::uint64_t count) const {
    std::string list;
    for (const auto& segment : segments) list += (list.empty() ? "\"" : ",\"") + segment + "\"";
    write("manifest.json", R"({"format":"parity.corpus","format_version":1,"kernel":"k","reference":"m:ref",)"
                           R"("candidate":"m:cand","count":)" +
                               std::to_string(count) + R"(,"segments":[)" + list + "]}");
}

void TemporaryCorpus::write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
}

std::string TemporaryCorpus::request(const std::string& id, const std::string& fixtures) {
    return R"({"id":")" + id + R"(","ts":"2026-01-02T03:04:05.000006Z","kernel":"k","fixtures":)" + fixtures +
           R"(,"input":{"rows":[1,2]},"output":[3],"duration_ns":10,"service_version":"s 1"})" + "\n";
}

}  // namespace parity::replay::testing
