#include "output_file.hpp"

#include <fstream>
#include <stdexcept>

namespace parity::reports::detail {

void write_output_file(const std::filesystem::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        throw std::runtime_error(path.string() + ": cannot write the file");
    }
}

}  // namespace parity::reports::detail
