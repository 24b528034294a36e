"""Planted port: a decomposed sequence left decomposed by NFKC outside the text fields (importer.match).

**The bug.** `email`, `phone`, `postcode` and `birth_date` start with `NFKC` (docs/matching.md §2.2-§2.5).
This port skips it when NFKC leaves every code point of the value unchanged *on its own*: a quick check
that treats the Unicode property NFKC_Quick_Check = Maybe (combining marks and conjoining jamo, which may
compose with what precedes them) as Yes. So `e` + U+0301 stays two code points instead of composing into
`é`, and marks in non-canonical order are not reordered. The text fields (`first_name`, `last_name`,
`street`, `city`) have their own path (§2.1 ends with NFC) and are right.

**Why replay passes.** Every email, postcode and birth date in the bundled corpora is ASCII, and a phone
keeps only its ASCII digits, which no composition touches; the decomposed text the corpora hold is in
names, streets and cities.

**What reaches it.** One string mutation of a recorded row: a combining mark inserted after a letter of
`rows[i].email` (`normalized.email` keeps the mark) or `rows[i].postcode` (the mark, not a letter, is
dropped, so `"sw1a"` where the reference has `"św1a"`).

**Minimal trigger.** `{"customers": <any fixture>, "config": null, "rows": [{"email": "e\u0301"}]}`: the
reference's `normalized.email` is `"\u00e9"`, this port's `"e\u0301"`.
"""

from __future__ import annotations

from importer.adapters import MatcherAdapter
from tests.planted.reference_copy import MATCHING_MODULES, Edit, edited_copy

_NFKC = '    text = unicodedata.normalize("NFKC", value)\n'
_PORT_NFKC = "    text = _port_nfkc(value)\n"
_TEXT_STEPS = '    text = text.casefold()\n    text = unicodedata.normalize("NFKD", text)\n'

# The port's NFKC for the non-text fields: each code point looked up alone (the bug), the value left as it
# is when none changes.
_QUICK_NFKC = '''

def _port_nfkc(value: str) -> str:
    if all(unicodedata.normalize("NFKC", char) == char for char in value):
        return value
    return unicodedata.normalize("NFKC", value)


def normalize_text('''

_matching = edited_copy("nfd", "importer.matching", MATCHING_MODULES, [
    Edit("normalize", "\n\ndef normalize_text(", _QUICK_NFKC),
    # Every field's first step, then the text fields' back to the right one.
    Edit("normalize", _NFKC, _PORT_NFKC, count=5),
    Edit("normalize", _PORT_NFKC + _TEXT_STEPS, _NFKC + _TEXT_STEPS),
])

adapter = MatcherAdapter("planted:nfd", _matching["matcher"].Matcher)
