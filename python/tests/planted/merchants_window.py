"""Planted port: a merchant exactly 24 hours old still counted in `merchants_24h` (scoring.score).

**The bug.** docs/scoring.md §3-§4: the 24-hour window holds a card's events with `t_ms - W < e.t_ms`, so
an event exactly `W` = 86,400,000 ms earlier is out, and `merchants_24h` counts the distinct merchants of
the events in the window. This port keeps, beside the window, each merchant's last-seen time and counts
the merchants with `t_ms - last_seen <= W`: `<=` where the window's eviction has `>=`, one millisecond
wide. The window's count and sum are right; only a merchant whose latest event is exactly 24 hours before
the transaction is counted when it should not be.

**Why replay passes.** The bundled scoring corpus's events exactly 24 hours apart on one card are pairs
of transactions at the same merchant, and then the transaction's own merchant is added anyway: the count
is the same.

**What reaches it.** One mutation of a recorded request that holds such a pair (the ten
`edges-request-00NN` requests, three pairs each): the `merchant_id` of either transaction changed (any
string mutation, or a merchant spliced from another request); or two: a pair 24 h − 1 ms apart made
24 h apart by ±1 ms on one `t_ms`, and one `merchant_id` changed. One path in a few hundred of those
requests, so a search finds it far less often than the other planted bugs (python/tests/planted/off_by_one.py
is the threshold case, found at once).

**Minimal trigger.** Two transactions of one card, `t_ms` 0 and 86,400,000, merchants `m1` and `m2`: for
the second, the reference's `merchants_24h` is 1.0, this port's 2.0 (the score moves by the model's
weight 0.3 before the logistic).
"""

from __future__ import annotations

from scoring.adapters import ScoringAdapter
from tests.planted.reference_copy import SCORING_MODULES, Edit, edited_copy

# The port's window: merchants in a last-seen map, added to and never evicted; the feature filters them.
_EDITS = [
    Edit("kernel_state", '__slots__ = ("span_ms", "events", "total", "merchants")',
     '__slots__ = ("span_ms", "events", "total", "merchants", "last_seen")'),
    Edit("kernel_state", " = Counter() if track_merchants else None\n",
     " = Counter() if track_merchants else None\n        self.last_seen: dict[str, int] = {}\n"),
    Edit("kernel_state", "            self.merchants[record.merchant_id] += 1\n",
     "            self.merchants[record.merchant_id] += 1\n"
     "            self.last_seen[record.merchant_id] = record.t_ms\n"),
    Edit("kernel_features", "float(len(merchants) + (0 if record.merchant_id in merchants else 1)),\n",
     "float(_port_merchants(window_24h, record)),\n"),
    Edit("kernel_features", "\n\ndef feature_values(",
     "\n\ndef _port_merchants(window, record):\n"
     "    seen = {m for m, t in window.last_seen.items() if record.t_ms - t <= window.span_ms}\n"
     "    return len(seen) + (0 if record.merchant_id in seen else 1)\n"
     "\n\ndef feature_values("),
]

_kernel = edited_copy("merchants_window", "scoring", SCORING_MODULES, _EDITS)["kernel"]

adapter = ScoringAdapter("planted:merchants_window", _kernel.Scorer)
