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
from tests.planted.reference_copy import MATCHING_MODULES, edited_copy

# The port's NFKC for the non-text fields: each code point looked up alone (the bug), the text left as it is
# when none changes.
_QUICK_NFKC = '''

def _port_nfkc(value: str) -> str:
    if all(unicodedata.normalize("NFKC", char) == char for char in value):
        return value
    return unicodedata.normalize("NFKC", value)


def normalize_email('''

_EDITS = [
    ("normalize", "\n\ndef normalize_email(", _QUICK_NFKC),
    *(("normalize", f'{line}\n    text = unicodedata.normalize("NFKC", value)\n',
       f'{line}\n    text = _port_nfkc(value)\n')
      for line in ('    >>> normalize_email(" John.Smith@Example.COM ")\n    \'john.smith@example.com\'\n    """',
                   '    >>> normalize_phone("+44 (0)20 7946-0958")\n    \'079460958\'\n    """',
                   '    >>> normalize_postcode("SW1A 1AA")\n    \'sw1a1aa\'\n    """',
                   "    ('1984-03-07', '1984-03-07', '1984-03-25')\n    \"\"\"")),
]

_matching = edited_copy("nfd", "importer.matching", MATCHING_MODULES, _EDITS)

adapter = MatcherAdapter("planted:nfd", _matching["matcher"].Matcher)
