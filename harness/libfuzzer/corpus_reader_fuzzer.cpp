// Request lines as CorpusReader reads them, through its public API: a corpus folder made once per
// process (a manifest with two segments, one usable and one unusable fixture), whose segments are
// rewritten from each input. The first part of the input is the rotated segment requests.000001.jsonl,
// the second, if any, the current requests.jsonl (absent otherwise, as right after a rotation).
// next() reports a bad line as an entry and never throws: any exception is a finding. The seeds are real
// lines whose fixture ids were rewritten to the usable one, so that they are valid requests here.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>

#include "fuzz_input.hpp"
#include "parity/replay/corpus_reader.hpp"
#include "parity/replay/manifest.hpp"
#include "scratch_folder.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view usable_fixture =
    "sha256-b2fc0e81194274a420d892fe6ec2f9c7f9f46a42bd19c590bd317bc2f240a0f2";
constexpr std::string_view unusable_fixture =
    "sha256-0000000000000000000000000000000000000000000000000000000000000000";

/// The corpus folder and its manifest, made on first use.
class FuzzCorpus {
  public:
    FuzzCorpus() : folder_("corpus") {
        fs::create_directory(folder_.path() / "fixtures");
        folder_.write(fs::path("fixtures") / (std::string(usable_fixture) + ".json"), "{}");
        folder_.write(fs::path("fixtures") / (std::string(unusable_fixture) + ".json"), "{");
        folder_.write(std::string(parity::replay::Manifest::file_name),
                      R"({"format": "parity.corpus", "format_version": 1, "kernel": "importer.match",
                          "reference": "importer.adapters:reference", "candidate": "importer.adapters:native",
                          "count": 2, "segments": ["requests.000001.jsonl", "requests.jsonl"]})");
        manifest_ = parity::replay::Manifest::load(folder_.path());
    }

    void read(std::string_view input) const {
        const auto parts = parity::fuzz::split_parts(input, 2);
        folder_.write("requests.000001.jsonl", parts[0]);
        if (parts.size() > 1) {
            folder_.write("requests.jsonl", parts[1]);
        } else {
            std::error_code ignored;
            fs::remove(folder_.path() / "requests.jsonl", ignored);
        }
        auto fixtures = parity::replay::FixtureCatalog::scan(folder_.path());
        fixtures.mark_unusable(std::string(unusable_fixture), "malformed JSON");
        parity::replay::CorpusReader reader(folder_.path(), manifest_, std::move(fixtures));
        while (const auto entry = reader.next()) {
            if (const auto* error = std::get_if<parity::replay::CorpusLineError>(&*entry)) {
                (void)error->to_string();
            } else {
                (void)std::get<parity::replay::CorpusRequest>(*entry).place();
            }
        }
        (void)reader.problems();
    }

  private:
    parity::fuzz::ScratchFolder folder_;
    parity::replay::Manifest manifest_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const FuzzCorpus corpus;
    corpus.read(parity::fuzz::input_text(data, size));
    return 0;
}
