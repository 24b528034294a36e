#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parity::reports {

/// Escapes text for HTML element content and double-quoted attribute values.
///
///     escape_html("<b>\"x\"</b>") == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
std::string escape_html(std::string_view text);

/// Where escaped XML text goes: attribute values normalise raw tabs and line breaks to spaces,
/// so there they are written as character references; element content keeps them as they are.
enum class XmlContext { attribute, content };

/// Escapes text for XML 1.0, dropping the characters XML 1.0 forbids (control characters other
/// than tab, newline and carriage return, U+FFFE, U+FFFF) and bytes that are not valid UTF-8,
/// which no escape can make legal.
///
///     escape_xml("a<b\x01") == "a&lt;b"
std::string escape_xml(std::string_view text, XmlContext context = XmlContext::attribute);

/// Makes text safe inside a GitHub-flavoured Markdown table cell: inline HTML, emphasis, links,
/// code spans, mentions and pipes are backslash-escaped or entity-encoded, line breaks become
/// spaces.
std::string escape_markdown_cell(std::string_view text);

/// Cuts text to at most `max_chars` code points, ending in "…" when cut; never splits a UTF-8
/// sequence. Invalid UTF-8 bytes are replaced by U+FFFD.
///
///     shorten("abcdef", 4) == "abc…"
std::string shorten(std::string_view text, std::size_t max_chars);

}  // namespace parity::reports
