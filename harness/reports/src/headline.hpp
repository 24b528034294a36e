#pragma once

// The one-line answer every report file opens with: the gate's verdict when verdict.json exists,
// else what the replay's summary says.

#include <string>
#include <string_view>

#include "parity/reports/report_inputs.hpp"

namespace parity::reports::detail {

enum class Tone { pass, fail, undecided };

struct Headline {
    Tone tone = Tone::undecided;
    std::string verdict;  ///< "GO", "NO-GO", "UNDECIDED", or "" without verdict.json
    std::string summary;  ///< "196/196 requests match", "20 of 40 requests differ, 1 crashed"
};

Headline headline(const ReportInputs& inputs);

/// "" for complete inputs; else a note that some keys were missing or malformed, naming the first:
/// the report files then show what could be read.
std::string problems_text(const ReportInputs& inputs);

/// Which glyphs mark the tone: emoji where the reader's font surely has them (GitHub), plain
/// symbols where it may not (a browser on a CI runner without an emoji font draws boxes).
enum class IconSet { emoji, symbols };

/// "✅", "❌" or "⚠️"; as symbols "✓", "✗" or "⚠".
std::string_view icon(Tone tone, IconSet set = IconSet::emoji);

/// The headline as one line of text: "✅ GO: 196/196 requests match".
std::string headline_text(const Headline& line, IconSet set = IconSet::emoji);

}  // namespace parity::reports::detail
