"""importer.adapters: one matcher per (customer snapshot, config), found again per request."""

from __future__ import annotations

from typing import Any

import pytest

from importer.adapters import CUSTOMERS_FIXTURE_KIND, MatcherAdapter
from importer.matching import Matcher

ANN = {"id": 1, "first_name": "Ann", "last_name": "Lee", "email": "ann@example.org", "birth_date": "1984-03-07"}
ROW = {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.org", "birth_date": "1984-03-07"}


class CountingFactory:
    """Builds reference matchers and records each (customers, config) it was asked for."""

    def __init__(self) -> None:
        self.built: list[Any] = []

    def __call__(self, customers: Any, config: Any) -> Matcher:
        self.built.append(config)
        return Matcher(customers, config)


def adapter_and_context() -> tuple[MatcherAdapter, Any, CountingFactory]:
    factory = CountingFactory()
    adapter = MatcherAdapter("counting", factory)
    fixtures = {"snap-a": {"kind": CUSTOMERS_FIXTURE_KIND, "customers": [ANN]},
                "snap-b": {"kind": CUSTOMERS_FIXTURE_KIND, "customers": [dict(ANN, id=2)]}}
    return adapter, adapter.setup(fixtures), factory


def test_each_request_gets_the_matcher_of_its_snapshot_and_config_in_any_order() -> None:
    adapter, context, factory = adapter_and_context()
    strict = {"min_match_weight": 100.0}  # more evidence than a row has: possible at best
    sequence = [("snap-a", None), ("snap-a", strict), ("snap-a", None), ("snap-b", None), ("snap-a", dict(strict)),
                ("snap-b", None), ("snap-a", None)]
    for fixture_id, config in sequence:
        [result] = adapter.run(context, {"customers": fixture_id, "config": config, "rows": [ROW]})
        expected_id = 1 if fixture_id == "snap-a" else 2
        assert result["customer_id"] == expected_id, (fixture_id, config)
        assert result["status"] == ("possible" if config else "matched"), (fixture_id, config)
    # One matcher per snapshot with the default config (built in setup), one for the strict config.
    assert len(factory.built) == 3


def test_an_unknown_snapshot_is_named() -> None:
    adapter, context, _ = adapter_and_context()
    with pytest.raises(KeyError, match="unknown customers fixture 'snap-z'"):
        adapter.run(context, {"customers": "snap-z", "config": None, "rows": [ROW]})
