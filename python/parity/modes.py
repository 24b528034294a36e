"""Backend modes of a runtime switch, and the sticky percentage slice.

    Mode.parse("python")       # the reference answers every call
    Mode.parse("native")       # the candidate answers (the reference when it fails)
    Mode.parse("shadow")       # the reference answers; the candidate runs too and is compared
    Mode.parse("percent:10")   # the candidate answers for a sticky 10% of keys, the reference for the rest

A percent slice is chosen by hashing the switch name and the key with BLAKE2b, never with Python's
`hash()` (salted per process), so a key gets the same backend in every process and on every run, and
raising N only adds keys to the slice: the keys in the 5% slice are also in the 10% slice.
"""

from __future__ import annotations

import enum
import hashlib
import math
from dataclasses import dataclass
from typing import Final

#: Label values of the two implementations in metrics, logs and statistics.
REFERENCE: Final = "python"
CANDIDATE: Final = "native"

PERCENT_PREFIX: Final = "percent:"
_HASH_BYTES: Final = 8
_HASH_RANGE: Final = float(2 ** (8 * _HASH_BYTES))


class ModeKind(enum.Enum):
    PYTHON = "python"
    NATIVE = "native"
    SHADOW = "shadow"
    PERCENT = "percent"


@dataclass(frozen=True)
class Mode:
    """Which backend answers; `percent` is meaningful only for `ModeKind.PERCENT`."""

    kind: ModeKind
    percent: float = 0.0

    def __post_init__(self) -> None:
        if not math.isfinite(self.percent) or not 0.0 <= self.percent <= 100.0:
            raise ValueError(f"percent must be from 0 to 100, got {self.percent}")

    @classmethod
    def parse(cls, text: str) -> Mode:
        """`python`, `native`, `shadow` or `percent:N` (N from 0 to 100, decimals allowed); case-insensitive.

        Raises ValueError with a message fit for a command line.
        """
        value = text.strip().lower()
        if value.startswith(PERCENT_PREFIX):
            number = value[len(PERCENT_PREFIX):].strip()
            try:
                percent = float(number)
            except ValueError:
                percent = math.nan
            if not math.isfinite(percent) or not 0.0 <= percent <= 100.0:
                raise ValueError(f"backend mode {text!r}: N in percent:N must be a number from 0 to 100")
            return cls(ModeKind.PERCENT, percent)
        try:
            kind = ModeKind(value)
        except ValueError:
            raise ValueError(
                f"backend mode {text!r}: expected python, native, shadow or percent:N (N from 0 to 100)"
            ) from None
        if kind is ModeKind.PERCENT:
            raise ValueError(f"backend mode {text!r}: write percent:N, N from 0 to 100")
        return cls(kind)

    @property
    def uses_candidate(self) -> bool:
        """False when no call can reach the candidate (`python`, `percent:0`)."""
        if self.kind is ModeKind.PERCENT:
            return self.percent > 0.0
        return self.kind is not ModeKind.PYTHON

    def __str__(self) -> str:
        if self.kind is ModeKind.PERCENT:
            return f"{PERCENT_PREFIX}{self.percent:g}"
        return self.kind.value


def slice_position(switch_name: str, key: object) -> float:
    """Where `key` falls in [0, 100): stable across processes, platforms and Python versions."""
    data = f"{switch_name}\x00{key}".encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(data, digest_size=_HASH_BYTES).digest()
    return int.from_bytes(digest, "big") / _HASH_RANGE * 100.0


def in_slice(switch_name: str, key: object, percent: float) -> bool:
    """True when `key` belongs to the `percent`% slice of switch `switch_name`."""
    if percent >= 100.0:
        return True  # the largest hash rounds to 100.0 as a float
    return slice_position(switch_name, key) < percent


__all__ = ["CANDIDATE", "REFERENCE", "Mode", "ModeKind", "in_slice", "slice_position"]
