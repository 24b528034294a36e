"""Adapters: how Parity's tools call the scoring kernel outside the service (corpora/README.md, "Adapters").

An adapter has ``setup(fixtures) -> context``, called once per process with every fixture of a corpus
(id → decoded JSON), and ``run(context, input) -> output``, called once per recorded request whose input is
the kernel call of docs/scoring.md §1.2 with the model by reference:
``{"model": <fixture id>, "profile": {...}, "history": [...], "transactions": [...]}``. The model fixture is
``{"kind": "scoring.model", "model": <the decoded model document>}``. The optional ``domain(context, input)``
says why an input is not such a call (``parity fuzz`` discards those mutants).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol

#: The kernel name recorded corpora carry; also the runtime switch's name (scoring.backend).
KERNEL: Final = "scoring.score"
REFERENCE_ADAPTER: Final = "scoring.adapters:reference"
CANDIDATE_ADAPTER: Final = "scoring.adapters:native"

#: The fixture kind holding a model: ``{"kind": ..., "model": {...}}``.
MODEL_FIXTURE_KIND: Final = "scoring.model"
#: The keys of a recorded kernel call: the model's fixture id and `score`'s three arguments.
_CALL_KEYS: Final = ("model", "profile", "history", "transactions")

# Where a recorded call holds what, for redaction rules (parity.redaction.RedactionScope; corpora/README.md).
_RECORDS: Final = ("input.history.*", "input.transactions.*")
#: The records whose fields are personal data: a bare rule name (``card_id``) is that field of each. Results
#: echo each transaction's ``id``, so ``output.*`` is data too (``id=hash`` pseudonymises both alike).
DATA_ROOTS: Final = (*_RECORDS, "output.*")
#: What replay needs intact: the model reference and kind, the profile (compared with each record's country
#: and currency), the fields the kernel computes with or compares with the profile or the model, and the
#: kernel's answer.
PROTECTED_PATHS: Final = (
    "input.model", "input.profile", "fixture.kind", "fixture.model",
    *(f"{root}.{field}" for root in _RECORDS
      for field in ("t_ms", "amount", "lat", "lon", "country", "currency", "mcc")),
    "output.*.score", "output.*.decision", "output.*.reasons",
)


class ScorerLike(Protocol):
    """What the adapters and the service's backend need of a kernel, whichever implementation it is."""

    version: str

    def score(self, profile: Any, history: Any, transactions: Any) -> list[dict[str, Any]]: ...


#: Builds a kernel from the decoded model; ``native_scorer`` raises ImportError when the module is not built.
ScorerFactory = Callable[[Mapping[str, Any]], ScorerLike]


class ScoringAdapter:
    """Builds one Scorer per model fixture in ``setup`` (not charged to the first request's latency) and
    reuses it for every request naming that fixture."""

    def __init__(self, name: str, factory: ScorerFactory) -> None:
        self.name = name
        self._factory = factory

    def setup(self, fixtures: Mapping[str, Any]) -> dict[str, ScorerLike]:
        return {fixture_id: self._factory(content["model"]) for fixture_id, content in fixtures.items()
                if isinstance(content, Mapping) and content.get("kind") == MODEL_FIXTURE_KIND}

    def run(self, context: Mapping[str, ScorerLike], request: Mapping[str, Any]) -> list[dict[str, Any]]:
        fixture_id = request["model"]
        scorer = context.get(fixture_id)
        if scorer is None:
            raise KeyError(f"input.model: unknown model fixture {fixture_id!r}")
        return scorer.score(request["profile"], request["history"], request["transactions"])

    def domain(self, context: Mapping[str, ScorerLike], request: object) -> str | None:
        """Why `request` is not a kernel call, or None when it is (corpora/README.md, "Adapters").

        docs/scoring.md defines the outcome of every `score(profile, history, transactions)`, its errors
        included (wrong types, missing fields, NaN and infinite numbers, ints beyond the double range,
        timestamps and coordinates out of range, lone surrogates), so every such call is in the domain.
        Outside is only what the recorder never writes and the kernel is never called with: an input
        without the four keys, or whose ``model`` is not the id of a model fixture. ``run`` raises the
        adapter's own error for those.
        """
        if not isinstance(request, Mapping):
            return f"input: expected a mapping, got {type(request).__name__}"
        for key in _CALL_KEYS:
            if key not in request:
                return f"input.{key}: missing"
        fixture_id = request["model"]
        if not isinstance(fixture_id, str) or fixture_id not in context:
            return "input.model: not the id of a model fixture"
        return None

    def __repr__(self) -> str:
        return f"ScoringAdapter({self.name!r})"


def python_scorer(model: Mapping[str, Any]) -> ScorerLike:
    """The reference kernel (scoring.kernel)."""
    from scoring.kernel import Scorer

    return Scorer(model)


def native_scorer(model: Mapping[str, Any]) -> ScorerLike:
    from scoring.native import Scorer as NativeScorer  # built by CMake; imported only when used

    scorer: ScorerLike = NativeScorer(model)
    return scorer


#: The pure-Python kernel (scoring.kernel): the reference every other implementation is compared with.
reference = ScoringAdapter("reference", python_scorer)

#: The C++ port (scoring._native), the candidate the bundled corpus's manifest names.
native = ScoringAdapter("native", native_scorer)
