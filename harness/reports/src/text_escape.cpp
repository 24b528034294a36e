#include "parity/reports/text_escape.hpp"

#include <cstdint>

namespace parity::reports {
namespace {

constexpr char32_t replacement_character = 0xFFFD;
constexpr std::string_view ellipsis = "…";

/// Decodes one UTF-8 sequence at `pos`, advancing it; invalid or overlong sequences and
/// surrogates give U+FFFD and consume one byte, so decoding always makes progress.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        ++pos;
        return replacement_character;
    }
    if (pos + length > text.size()) {
        ++pos;
        return replacement_character;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) {
            ++pos;
            return replacement_character;
        }
        value = (value << 6) | (byte(pos + i) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        ++pos;
        return replacement_character;
    }
    pos += length;
    return value;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
bool allowed_in_xml(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t c = next_code_point(text, pos);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\t':
            case '\n':
            case '\r':
                append_utf8(out, c);
                break;
            default:
                // Control characters are parse errors in HTML and draw as boxes: dropped.
                if (c < 0x20 || c == 0x7F)
                    break;
                append_utf8(out, c);
        }
    }
    return out;
}

std::string escape_xml(std::string_view text, XmlContext context) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t c = next_code_point(text, pos);
        const bool invalid_byte =
            c == replacement_character && pos - start == 1 && static_cast<unsigned char>(text[start]) >= 0x80;
        if (invalid_byte || !allowed_in_xml(c))
            continue;
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            // Parsers turn a raw carriage return into a newline anywhere, and raw whitespace in
            // attributes into spaces: references keep them.
            case '\r':
                out += "&#13;";
                break;
            case '\t':
                out += context == XmlContext::attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += context == XmlContext::attribute ? "&#10;" : "\n";
                break;
            default:
                append_utf8(out, c);
        }
    }
    return out;
}

std::string escape_markdown_cell(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t c = next_code_point(text, pos);
        switch (c) {
            // GitHub renders inline HTML in comments: entities keep tags and entities inert.
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            // A pipe ends a table cell even inside a code span; the backslash escape is the only fix.
            case '|':
                out += "\\|";
                break;
            // Links and images need brackets, so escaping those keeps parentheses inert too.
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '~':
            case '@':
                out += '\\';
                out += static_cast<char>(c);
                break;
            case '\n':
            case '\r':
            case '\t':
                out += ' ';
                break;
            default:
                if (c < 0x20 || c == 0x7F)
                    break;  // other control characters carry nothing
                append_utf8(out, c);
        }
    }
    return out;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t pos = 0;
    std::size_t count = 0;
    const std::size_t keep = max_chars == 0 ? 0 : max_chars - 1;  // room for the ellipsis
    std::size_t cut_at = std::string::npos;
    while (pos < text.size()) {
        if (count == keep)
            cut_at = out.size();
        if (count == max_chars) {
            out.resize(cut_at);
            out += ellipsis;
            return out;
        }
        append_utf8(out, next_code_point(text, pos));
        ++count;
    }
    return out;
}

}  // namespace parity::reports
