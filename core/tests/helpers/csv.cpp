#include "helpers/csv.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace parity::test {

std::vector<CsvRow> parse_csv(std::string_view text) {
    std::vector<CsvRow> rows;
    CsvRow row{1, {}};
    std::string field;
    bool in_quotes = false;
    bool field_was_quoted = false;
    std::size_t line = 1;

    const auto end_field = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        field_was_quoted = false;
    };
    const auto end_row = [&] {
        const bool blank_line = row.fields.empty() && field.empty() && !field_was_quoted;
        if (!blank_line) {
            end_field();
            rows.push_back(std::move(row));
        }
        row = CsvRow{line + 1, {}};
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                line += c == '\n' ? 1 : 0;
                field += c;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_quotes = true;
                field_was_quoted = true;
                break;
            case ',':
                end_field();
                break;
            case '\r':
                break;
            case '\n':
                end_row();
                ++line;
                break;
            default:
                field += c;
        }
    }
    if (in_quotes) {
        throw std::invalid_argument("unterminated quoted field starting on line " + std::to_string(row.line));
    }
    end_row();  // a last line without a newline
    return rows;
}

std::vector<CsvRow> read_csv_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream contents;
    contents << file.rdbuf();
    return parse_csv(contents.str());
}

}  // namespace parity::test
