"""Decisions and how the kernel's and the rules' are combined: the strictest wins.

``approve`` < ``review`` < ``decline``. A transaction's decision is the strictest of the kernel's decision
(from its score and the model's thresholds) and the outcomes of the rules that fired. A rule can only make a
decision stricter: no rule approves what the model would review.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

APPROVE: Final = "approve"
REVIEW: Final = "review"
DECLINE: Final = "decline"
#: From the most lenient to the strictest.
DECISIONS: Final = (APPROVE, REVIEW, DECLINE)
_RANK: Final = {decision: rank for rank, decision in enumerate(DECISIONS)}


def combine(kernel_decision: str, rule_outcomes: Iterable[str]) -> str:
    """The strictest of the kernel's decision and the outcomes of the rules that fired."""
    strictest = kernel_decision
    for outcome in rule_outcomes:
        if _RANK[outcome] > _RANK[strictest]:
            strictest = outcome
    return strictest
