"""Type stub of the compiled module scoring._native (bindings/scoring/). Import it through scoring.native."""

from typing import Any

FEATURES: tuple[str, ...]

class Scorer:
    """scoring.kernel.Scorer in C++: the same checks and messages, results bit for bit (docs/scoring.md)."""

    def __init__(self, model: object) -> None: ...
    @property
    def version(self) -> str:
        """The model's `version`."""
    def score(self, profile: object, history: object, transactions: object) -> list[dict[str, Any]]:
        """One {"id", "score", "decision", "reasons"} dict per transaction, in input order; the GIL is
        released while the kernel runs (from 4,096 transactions on, the kernel runs on a thread of its own
        while the calling thread makes the dicts of the results it has already given, releasing the GIL
        only while it waits for more)."""
