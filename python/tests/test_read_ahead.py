"""ReadAhead: the iterator's items in order, its exception in its turn, and a thread that ends when told."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from importer.read_ahead import ReadAhead


class Boom(Exception):
    pass


def test_items_come_in_order_and_the_thread_ends_with_them() -> None:
    with ReadAhead(iter(range(1000)), depth=2) as ahead:
        assert list(ahead) == list(range(1000))
        assert next(ahead, "done") == "done"
    assert not ahead._thread.is_alive()


def test_an_exception_is_raised_after_the_items_made_before_it() -> None:
    error = Boom("line 7")

    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise error

    got = []
    with ReadAhead(failing(), depth=1) as ahead, pytest.raises(Boom) as raised:
        for item in ahead:
            got.append(item)
    assert got == [1, 2]
    assert raised.value is error


def test_the_producer_runs_at_most_depth_items_ahead() -> None:
    made: list[int] = []
    taken = threading.Event()

    def counting() -> Iterator[int]:
        for n in range(100):
            made.append(n)
            yield n

    with ReadAhead(counting(), depth=3) as ahead:
        assert next(ahead) == 0
        taken.wait(0.3)  # let the producer run as far as it may
        # Items 1..3 queued, item 4 made and waiting for room.
        assert len(made) <= 1 + 3 + 1


def test_leaving_early_stops_a_producer_blocked_on_a_full_queue() -> None:
    def endless() -> Iterator[int]:
        n = 0
        while True:
            yield n
            n += 1

    with pytest.raises(Boom), ReadAhead(endless(), depth=1) as ahead:
        next(ahead)
        raise Boom("the consumer failed")
    assert not ahead._thread.is_alive()
    with pytest.raises(StopIteration):
        next(ahead)


def test_depth_must_be_positive() -> None:
    with pytest.raises(ValueError, match="depth: expected at least 1, got 0"):
        ReadAhead(iter([]), depth=0)
