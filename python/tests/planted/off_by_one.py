"""Planted port: an amount of exactly zero counted as a refund (scoring.score).

**The bug.** docs/scoring.md §4: `is_refund` is `1.0 if x.amount < 0.0`: a refund is a negative amount, and
zero is none. This port writes the threshold as `amount <= 0.0` ("not positive"), one step off at the
boundary: an amount of `0` or `0.0` (or `-0.0`) is a refund, `is_refund` is `1.0`, and its contribution (the
bundled model's weight is −1.0) lowers the score. Every other amount is right.

**Why replay passes.** No amount in the bundled scoring corpus is zero.

**What reaches it.** One number mutation of a recorded request: `transactions[i].amount` set to zero (`0`,
`0.0` or `-0.0`), or moved by ±1 from a recorded amount of ±1.

**Minimal trigger.** `{"model": <the fixture>, "profile": {"home_country": "FR", "home_currency": "EUR"},
"history": [], "transactions": [<one valid transaction with "amount": 0>]}`: the reference's score is
that of a purchase, this port's is lower.
"""

from __future__ import annotations

from scoring.adapters import ScoringAdapter
from tests.planted.reference_copy import SCORING_MODULES, Edit, edited_copy

_kernel = edited_copy("off_by_one", "scoring", SCORING_MODULES, [Edit(
    "kernel_features",
    "        1.0 if amount < 0.0 else 0.0,\n",
    "        1.0 if amount <= 0.0 else 0.0,\n",
)])["kernel"]

adapter = ScoringAdapter("planted:off_by_one", _kernel.Scorer)
