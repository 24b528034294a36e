"""Planted port: −0.0 counted as a refund (scoring.score).

**The bug.** docs/scoring.md §4: `is_refund` is `1.0 if x.amount < 0.0`, and `-0.0 < 0.0` is false. This
port tests the sign bit (`std::signbit(amount)`, "negative" read as "has a minus sign"), so an amount of
`-0.0` is a refund: `is_refund` is `1.0`, its contribution (the bundled model's weight is −1.0) lowers the
score. Everything else about −0.0 (`log1p(abs(x))`, Welford, the window sums) is right.

**Why replay passes.** No amount in the bundled scoring corpus is a zero float of either sign.

**What reaches it.** One number mutation of a recorded request: `transactions[i].amount` set to `-0.0`.

**Minimal trigger.** `{"model": <the fixture>, "profile": {"home_country": "FR", "home_currency": "EUR"},
"history": [], "transactions": [<one valid transaction with "amount": -0.0>]}`: the reference's score is
that of `amount 0.0`, this port's is lower.
"""

from __future__ import annotations

from scoring.adapters import ScoringAdapter
from tests.planted.reference_copy import SCORING_MODULES, Edit, edited_copy

_kernel = edited_copy("negative_zero", "scoring", SCORING_MODULES, [Edit(
    "kernel_features",
    "        1.0 if amount < 0.0 else 0.0,\n",
    "        1.0 if math.copysign(1.0, amount) < 0.0 else 0.0,\n",
)])["kernel"]

adapter = ScoringAdapter("planted:negative_zero", _kernel.Scorer)
