"""Adapters: how Parity's tools call the matcher outside the service (corpora/README.md, "Adapters").

An adapter has ``setup(fixtures) -> context``, called once per process with every fixture of a corpus
(id → decoded JSON), and ``run(context, input) -> output``, called once per recorded request whose
input is ``{"customers": <fixture id>, "config": <MatchConfig dict or null>, "rows": [...]}``. The optional
``domain(context, input)`` says why an input is not such a call (``parity fuzz`` discards those mutants).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from importer.matching import Matcher, MatchConfig
from importer.matching.normalize import normalize_email

#: The kernel name recorded corpora carry; replay tools look its adapters up by these names.
KERNEL = "importer.match"
REFERENCE_ADAPTER = "importer.adapters:reference"
CANDIDATE_ADAPTER = "importer.adapters:native"

#: The fixture kind holding a customer snapshot: ``{"kind": ..., "customers": [...]}``.
CUSTOMERS_FIXTURE_KIND = "importer.customers"

# Where a recorded call holds what, for redaction rules (parity.redaction.RedactionScope; corpora/README.md).
#: The records whose fields are personal data: a bare rule name (``email``) is that field of each. Results
#: echo each row's fields in ``normalized``: redacted there too, so replay cannot compare them with the recording.
DATA_ROOTS = ("input.rows.*", "fixture.customers.*", "output.*.normalized")
#: What replay needs intact: the config's numbers, the fixture reference and kind, the customer ids results name.
PROTECTED_PATHS = ("input.config", "input.customers", "fixture.kind", "fixture.customers.*.id")
#: Values the matcher parses (a pseudonym is not a date and would make every call raise): ``drop`` only.
DROP_ONLY_PATHS = ("input.rows.*.birth_date", "fixture.customers.*.birth_date")
#: Fields the matcher compares for equality in a canonical form: ``hash`` hashes that form, so a row and a
#: customer whose emails differ only in case still match in replay (the matcher reads a pseudonym unchanged).
HASH_CANONICAL = {"email": normalize_email}


class MatcherLike(Protocol):
    """What the worker and the adapters need of a matcher, whichever implementation it is."""

    config: MatchConfig

    def match(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]: ...


MatcherFactory = Callable[[Sequence[Mapping[str, Any]], Mapping[str, Any] | None], MatcherLike]


class MatcherAdapter:
    """Builds one matcher per (customer snapshot, config) and reuses it for every request that names them.

    Matchers for each snapshot with the default config are built in ``setup`` so that building the
    index is not charged to the first request's latency.
    """

    def __init__(self, name: str, factory: MatcherFactory) -> None:
        self.name = name
        self._factory = factory

    def setup(self, fixtures: Mapping[str, Any]) -> _Context:
        context = _Context(self._factory, fixtures)
        for fixture_id, content in fixtures.items():
            if isinstance(content, Mapping) and content.get("kind") == CUSTOMERS_FIXTURE_KIND:
                context.matcher(fixture_id, None)
        return context

    def run(self, context: _Context, request: Mapping[str, Any]) -> list[dict[str, Any]]:
        # The last request's matcher, checked here rather than through a call: consecutive requests
        # of a corpus nearly always name the same snapshot and config, and this is timed with them.
        fixture_id, config = request["customers"], request.get("config")
        last = context.last
        if last is not None and last[0] == fixture_id and last[1] == config:
            matcher = last[2]
        else:
            matcher = context.matcher(fixture_id, config)
        return matcher.match(request["rows"])

    def domain(self, context: _Context, request: object) -> str | None:
        """Why `request` is not a call of the matcher, or None when it is (corpora/README.md, "Adapters").

        docs/matching.md defines the outcome of every call, its errors included (rows or a config of the
        wrong type, lone surrogates, unreadable dates, any number in the config), so those are in the
        domain. Outside is only what the recorder never writes and no matcher is ever called with: an
        input that is not ``{"customers": <id of a customers fixture>, "rows": ..., "config": ...}``
        (``config`` may be left out: the default). ``run`` raises the adapter's own error for those.
        """
        if not isinstance(request, Mapping):
            return f"input: expected a mapping, got {type(request).__name__}"
        if "customers" not in request:
            return "input.customers: missing"
        if not context.has_customers(request["customers"]):
            return "input.customers: not the id of a customers fixture"
        if "rows" not in request:
            return "input.rows: missing"
        return None

    def __repr__(self) -> str:
        return f"MatcherAdapter({self.name!r})"


class _Context:
    """The matchers an adapter has built, found again per request without re-reading the config.

    A request's config is compared (==) with the configs seen so far before anything is validated or
    built: a corpus uses one or two configs, and this lookup is charged to every request's latency.
    """

    def __init__(self, factory: MatcherFactory, fixtures: Mapping[str, Any]) -> None:
        self._factory = factory
        self._fixtures = fixtures
        self._seen: list[tuple[str, Mapping[str, Any] | None, MatcherLike]] = []
        self._by_canonical: dict[tuple[str, str], MatcherLike] = {}
        #: (fixture id, config, matcher) of the last lookup: MatcherAdapter.run tries it first.
        self.last: tuple[str, Mapping[str, Any] | None, MatcherLike] | None = None

    def matcher(self, fixture_id: str, config: Mapping[str, Any] | None) -> MatcherLike:
        for seen in self._seen:
            if seen[0] == fixture_id and seen[1] == config:
                self.last = seen
                return seen[2]
        matcher = self._build(fixture_id, config)
        self._seen.append((fixture_id, copy.deepcopy(config), matcher))
        self.last = self._seen[-1]
        return matcher

    def has_customers(self, fixture_id: object) -> bool:
        """Whether `fixture_id` names a customers fixture of the corpus."""
        if not isinstance(fixture_id, str):
            return False
        content = self._fixtures.get(fixture_id)
        return isinstance(content, Mapping) and content.get("kind") == CUSTOMERS_FIXTURE_KIND

    def _build(self, fixture_id: str, config: Mapping[str, Any] | None) -> MatcherLike:
        canonical_config = MatchConfig.from_dict(config).to_dict()
        key = (fixture_id, json.dumps(canonical_config, sort_keys=True))
        if key not in self._by_canonical:
            if not self.has_customers(fixture_id):
                raise KeyError(f"unknown customers fixture {fixture_id!r}")
            self._by_canonical[key] = self._factory(self._fixtures[fixture_id]["customers"], canonical_config)
        return self._by_canonical[key]


def _native_matcher(customers: Sequence[Mapping[str, Any]], config: Mapping[str, Any] | None) -> MatcherLike:
    from importer.native import Matcher as NativeMatcher  # built by CMake; imported only when used

    return NativeMatcher(customers, config)


#: The pure-Python matcher: the reference every other implementation is compared with.
reference = MatcherAdapter("reference", Matcher)

#: The C++ port (importer._native), the candidate the bundled corpora's manifests name.
native = MatcherAdapter("native", _native_matcher)
