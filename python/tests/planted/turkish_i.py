"""Planted port: U+0130 İ (and every other expanding case folding) cut short in `email` (importer.match).

**The bug.** docs/matching.md §2.2 folds an email with `str.casefold()`, the *full* case folding, where
U+0130 İ becomes two code points, `i` + U+0307 COMBINING DOT ABOVE (and `ß` becomes `ss`). This port's
email path folds code point by code point through a table of one code point each, keeping the first code
point of a longer folding: `İ` → `i`, `ß` → `s`. The text fields fold correctly (their path is another),
so only `email` is wrong: its `normalized.email`, and which customers an email blocks with and equals.

**Why replay passes.** Every email in the bundled corpora (rows and customers) is ASCII.

**What reaches it.** One string mutation of a recorded row: a case-folding trap (İ U+0130, or ß) inserted
into, or replacing a character of, `rows[i].email`.

**Minimal trigger.** `{"customers": <any fixture>, "config": null, "rows": [{"email": "\u0130"}]}`: the
reference's `normalized.email` is `"i\u0307"`, this port's `"i"`.
"""

from __future__ import annotations

from importer.adapters import MatcherAdapter
from tests.planted.reference_copy import MATCHING_MODULES, Edit, edited_copy

# The email's fold, the only `text.casefold()` after the space and format characters are dropped.
_matching = edited_copy("turkish_i", "importer.matching", MATCHING_MODULES, [Edit(
    "normalize",
    "_is_space_or_format(char))\n    text = text.casefold()\n",
    "_is_space_or_format(char))\n    text = \"\".join(char.casefold()[0] for char in text)\n",
)])

adapter = MatcherAdapter("planted:turkish_i", _matching["matcher"].Matcher)
