"""Request-level candidates with one deliberate bug each, wrapping the real native request adapter.

`parity replay` of a scoring request corpus must catch each at the right field path
(python/tests/test_scoring_request_replay.py).
"""

from __future__ import annotations

from typing import Any

from scoring.request_adapters import native

#: The decimals the rounding bug keeps: far more than a client would look at, still not the contract.
ROUNDED_DECIMALS = 6


class SeededRequestBug:
    """The native request adapter with one change applied to each answer."""

    def __init__(self, name: str) -> None:
        self.name = name

    def setup(self, fixtures: dict[str, Any]) -> Any:
        return native.setup(fixtures)

    def run(self, context: Any, request: dict[str, Any]) -> dict[str, Any]:
        output = native.run(context, request)
        body = output["body"]
        if self.name == "rounded_scores" and isinstance(body, dict):
            for result in body.get("results", []):
                result["score"] = round(result["score"], ROUNDED_DECIMALS)
        elif self.name == "refusal_as_400" and output["status"] == 422:
            output["status"] = 400
        return output


#: Serialises scores rounded (a `round()` slipped into the response encoder).
rounded_scores = SeededRequestBug("rounded_scores")

#: Answers 400 where the contract says 422 (an error-status mapping changed).
refusal_as_400 = SeededRequestBug("refusal_as_400")
