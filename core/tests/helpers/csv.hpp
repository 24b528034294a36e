#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace parity::test {

struct CsvRow {
    std::size_t line;  // 1-based line on which the row starts
    std::vector<std::string> fields;
};

/// Parses RFC 4180 style CSV: comma separated, fields optionally in double quotes, `""` for a
/// quote inside quotes, LF or CRLF line ends, no header handling. Blank lines are skipped.
/// Throws std::invalid_argument on an unterminated quoted field.
[[nodiscard]] std::vector<CsvRow> parse_csv(std::string_view text);

/// Reads and parses a whole file. Throws std::runtime_error if it cannot be read.
[[nodiscard]] std::vector<CsvRow> read_csv_file(const std::filesystem::path& path);

}  // namespace parity::test
