"""The matcher binding's per-thread reuse, run by ctest with PYTHONPATH=<build>/python.

Matcher.match keeps its batch arrays per thread from call to call and returns an input str itself
where normalization leaves it unchanged. Checked here: a nested match (from a Mapping's get()) gets
arrays of its own, batches of different sizes in turn give the results of a fresh matcher, and a
str subclass is never handed back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from importer import _native

CUSTOMERS = [
    {"id": 1, "first_name": "Ann", "last_name": "Lee", "email": "ann@example.org", "birth_date": "1984-03-07"},
    {"id": 2, "first_name": "Jörg", "last_name": "Müller", "email": "jm@example.de", "city": "Nürnberg"},
]


class NestedRow(Mapping[str, Any]):
    """A row whose first lookup runs a whole other match on the same thread."""

    def __init__(self, row: dict[str, Any], matcher: Any) -> None:
        self._row = row
        self._matcher = matcher
        self.nested: list[dict[str, Any]] | None = None

    def __getitem__(self, key: str) -> Any:
        if self.nested is None:
            self.nested = self._matcher.match([dict(CUSTOMERS[1])] * 3)
        return self._row[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


class Text(str):
    pass


def main() -> None:
    matcher = _native.Matcher(CUSTOMERS, threads=2)
    fresh = _native.Matcher(CUSTOMERS, threads=1)
    rows = [dict(CUSTOMERS[i % 2]) for i in range(40)]
    for size in (40, 1, 7, 40, 3):
        assert matcher.match(rows[:size]) == fresh.match(rows[:size]), size

    nested_row = NestedRow(dict(CUSTOMERS[0]), matcher)
    outer = matcher.match([dict(CUSTOMERS[1]), nested_row, dict(CUSTOMERS[1])])
    assert outer == fresh.match([dict(CUSTOMERS[1]), dict(CUSTOMERS[0]), dict(CUSTOMERS[1])])
    assert nested_row.nested == fresh.match([dict(CUSTOMERS[1])] * 3)

    email = "ann@example.org"
    [result] = matcher.match([{"email": email}])
    assert result["normalized"]["email"] is email  # unchanged: the same str, not a copy
    [result] = matcher.match([{"email": Text(email)}])
    assert type(result["normalized"]["email"]) is str
    assert result["normalized"]["email"] == email
    print(f"matcher_reuse_smoke: {_native.__file__} OK")


if __name__ == "__main__":
    main()
