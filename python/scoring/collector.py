"""The serving process's cyclic garbage collector, set for requests of up to 50,000 transactions.

A large request makes about a million containers (its decoded JSON, the checked transactions, the kernel's
results and the response's dicts), nearly all alive until the answer is sent. With Python's default
first-generation threshold (700 allocations) the collector runs some 1,500 times during such a request and
each older-generation pass walks everything still alive: a tenth or more of the request's time, spent finding
no garbage (bench/LOG.md). ``serve`` therefore freezes what start-up made (the modules, the app, the model:
never garbage) and raises the first threshold, so collections are rarer; the older generations keep their
defaults, so the collector still runs and reference cycles are still freed.

    tune(50_000)        # what `serve` does by default (--gc-threshold)
    tune(0)             # leave Python's thresholds as they are
"""

from __future__ import annotations

import gc
from typing import Final

#: ``serve``'s default first-generation threshold (``--gc-threshold``).
DEFAULT_THRESHOLD: Final = 50_000


def tune(threshold: int) -> None:
    """Freeze the objects alive now and set the first generation's threshold; 0 changes nothing."""
    if threshold == 0:
        return
    gc.freeze()
    _, second, third = gc.get_threshold()
    gc.set_threshold(threshold, second, third)
