"""The quick path of the transaction checks against the field-by-field checks: same answer, same error."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from scoring.errors import ApiError
from scoring.request_checks import _checked_transaction, check_transaction
from tests.scoring_fixtures import transaction

# Values that are right for some field and wrong for others, at and around the limits.
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.sampled_from([math.nan, math.inf, -math.inf]),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([90.0, -90.0, 180.0, -180.0, 1e15, -1e15,
                                                                       90.00000000000001, 1e15 * 1.0000001]),
    st.sampled_from(["", "EUR", "XXX", "5411", "54a1", "FR", "fr", "F1", "pos", "web", "x" * 256, "x" * 257,
                     "2026-03-02T12:00:00+01:00", "2026-03-02T12:00:00", "٣٤٥٦"]),
    st.text(max_size=5), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.none(),
                                                                               max_size=1))
FIELDS = ["id", "timestamp", "amount", "currency", "merchant_id", "mcc", "country", "lat", "lon", "card_id",
          "device_id", "channel", "merchant_name", "extra"]


def _outcome(check: Any, item: dict[str, Any]) -> Any:
    try:
        return check(item, "transactions[0]")
    except ApiError as exc:
        return (exc.code, exc.message, exc.field)


@given(st.dictionaries(st.sampled_from(FIELDS), ODD_VALUES, max_size=4), st.sets(st.sampled_from(FIELDS[:13])))
def test_quick_path_agrees_with_field_checks(changes: dict[str, Any], removed: set[str]) -> None:
    item = transaction("t0", amount=12.5)
    item.update(changes)
    for name in removed:
        item.pop(name, None)
    assert _outcome(check_transaction, item) == _outcome(_checked_transaction, item)


def test_an_integer_amount_is_accepted_as_a_float() -> None:
    checked = check_transaction(transaction("t0", amount=12, lat=48, lon=2), "transactions[0]")
    assert (checked["amount"], checked["lat"], checked["lon"]) == (12.0, 48.0, 2.0)
    assert type(checked["amount"]) is float and type(checked["lat"]) is float
