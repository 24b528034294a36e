#pragma once

// The first three steps of normalize_text (NFKC, case folding, NFKD), code point by code point, for
// the texts on which that is exact: one table look-up per code point instead of three passes
// through utf8proc, whose tables a call coming after other work finds out of cache.
//
// The steps act code point by code point on a text whose every code point c
//   (a) is a starter (combining class 0): no mark to reorder or compose across its neighbours;
//   (b) has a full compatibility decomposition starting with a starter that is never the second of
//       a composition: NFKC composes nothing across the boundary before c;
//   (c) folds to a text that is empty or starts with a starter: NFKD reorders nothing across it.
// A text is folded by table when every code point meets them and also
//   (d) folds to a text whose starters NFC leaves alone (none composes with anything): what
//       normalize_text keeps of it (it drops every mark) is in NFC already, so its last step, NFC,
//       is skipped too.
// Code points that no step changes (no decomposition, no case folding, combining class 0, never
// the second of a composition: most of CJK, Hebrew and Arabic letters, lowercase Cyrillic) meet all
// four and fold to themselves. The table holds the foldings of the Latin, Greek and Cyrillic blocks
// (Latin-1 to Latin Extended-B, Greek and Coptic, Cyrillic and its Supplement, Latin Extended
// Additional, Greek Extended), each checked against (a) to (d) when the table is built; a code
// point failing them, and every other one that some step changes, sends the text down the full
// steps. Tested against the full steps on every pair of code points of the table, and on each of
// them next to code points that no step changes.

#include <string>
#include <string_view>

namespace parity::core::text::code_point_fold {

/// NFKD(casefold(NFKC(text))) into `output`, true, when the text meets (a) to (d) above; else
/// false, with `output` unspecified.
///
///     try_fold_into(U"Éß½", output);        // true, output == U"e\u0301ss1\u20442"
///     try_fold_into(U"Νίκη 愛", output);     // true, output == U"νι\u0301κη 愛"
///     try_fold_into(U"Nu\u0308rnberg", output);  // false: a combining mark
[[nodiscard]] bool try_fold_into(std::u32string_view text, std::u32string& output);

}  // namespace parity::core::text::code_point_fold
