"""Planted port: NaN let through the finiteness check (scoring.score).

**The bug.** docs/scoring.md §1.2: a number field that is not finite raises `ValueError("<where>.<field>:
not a finite number")`. This port tests for infinity only (`std::isinf(x)`), so a NaN passes: an `amount`
of NaN is scored (its score is NaN or some other value, no error), and a `lat` or `lon` of NaN fails the
range check instead (`out of range`: every comparison with NaN is false), the wrong message.

**Why replay passes.** No number in the bundled scoring corpus is NaN or infinite (its refusals are wrong
types, missing fields and out-of-range values).

**What reaches it.** One number mutation of a recorded request: `transactions[i].amount`,
`history[i].amount`, `lat` or `lon` set to NaN (the service decodes JSON with Python's `json`, which reads
`NaN`).

**Minimal trigger.** `{"model": <the fixture>, "profile": {...}, "history": [], "transactions":
[<one valid transaction with "amount": NaN>]}`: the reference raises `ValueError("transactions[0].amount:
not a finite number")`, this port returns a result.
"""

from __future__ import annotations

from scoring.adapters import ScoringAdapter
from tests.planted.reference_copy import SCORING_MODULES, Edit, edited_copy

_kernel = edited_copy("nan", "scoring", SCORING_MODULES, [Edit(
    "kernel_checks",
    "    if not math.isfinite(converted):\n",
    "    if math.isinf(converted):\n",
)])["kernel"]

adapter = ScoringAdapter("planted:nan", _kernel.Scorer)
