#pragma once

// A private temporary folder for targets that fuzz a reader through the files it reads, made once per
// process and removed when the process exits normally (libFuzzer leaves a crashed one behind, which
// holds the files of the crashing input).

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace parity::fuzz {

class ScratchFolder {
  public:
    explicit ScratchFolder(std::string_view name) {
        const char* tmp = std::getenv("TMPDIR");
        std::string templ =
            std::string(tmp != nullptr ? tmp : "/tmp") + "/parity-fuzz-" + std::string(name) + "-XXXXXX";
        if (mkdtemp(templ.data()) == nullptr) {
            throw std::runtime_error("cannot make a folder like " + templ);
        }
        path_ = templ;
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    [[nodiscard]] const std::filesystem::path& path() const noexcept {
        return path_;
    }

    /// Writes `name` in the folder with exactly these bytes.
    void write(const std::filesystem::path& name, std::string_view text) const {
        std::ofstream out(path_ / name, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

  private:
    std::filesystem::path path_;
};

}  // namespace parity::fuzz
