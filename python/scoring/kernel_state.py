"""The scoring kernel's state over prior events (docs/scoring.md §3): per card, its 1-hour and 24-hour
windows and last location; over all cards, Welford's amount statistics, the hour histogram and the
devices seen.

Every float here is updated in the specification's order, one IEEE operation at a time, so the native
port can reproduce the same bits.
"""

from __future__ import annotations

from collections import Counter, deque

from scoring.kernel_checks import Record

HOUR_MS = 3_600_000
DAY_MS = 86_400_000
HOURS_PER_DAY = 24


def hour_of(t_ms: int) -> int:
    """The UTC hour of day of `t_ms`, 0..23, also before 1970 (floor division, non-negative remainder)."""
    return (t_ms // HOUR_MS) % HOURS_PER_DAY


class AmountStats:
    """Welford's running count, mean and sum of squared deviations of every prior event's amount."""

    __slots__ = ("n", "mean", "m2")

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0

    def add(self, amount: float) -> None:
        self.n += 1
        delta = amount - self.mean
        self.mean = self.mean + delta / self.n
        self.m2 = self.m2 + delta * (amount - self.mean)


class CardWindow:
    """A card's prior events with `t_ms - span_ms < e.t_ms <= t_ms`, their count and running sum, and
    (for the 24-hour window only) how many of them each merchant has.

    The sum is kept running (added on entry, subtracted on eviction) rather than recomputed, as the
    specification says: that is both what makes the kernel linear and what fixes its rounding.
    """

    __slots__ = ("span_ms", "events", "total", "merchants")

    def __init__(self, span_ms: int, track_merchants: bool) -> None:
        self.span_ms = span_ms
        self.events: deque[tuple[int, float, str]] = deque()
        self.total = 0.0
        self.merchants: Counter[str] | None = Counter() if track_merchants else None

    @property
    def count(self) -> int:
        return len(self.events)

    def evict(self, t_ms: int) -> None:
        """Drop, oldest first, every event at least `span_ms` before `t_ms`."""
        events = self.events
        horizon = t_ms - self.span_ms  # out when t_ms - e.t_ms >= span_ms, i.e. e.t_ms <= horizon
        if not events or events[0][0] > horizon:
            return
        merchants = self.merchants
        while events and events[0][0] <= horizon:
            _, amount, merchant_id = events.popleft()
            self.total = self.total - amount
            if merchants is not None:
                left = merchants[merchant_id] - 1
                if left:
                    merchants[merchant_id] = left
                else:
                    del merchants[merchant_id]
        if not events:
            self.total = 0.0

    def add(self, record: Record) -> None:
        self.events.append((record.t_ms, record.amount, record.merchant_id))
        self.total = self.total + record.amount
        if self.merchants is not None:
            self.merchants[record.merchant_id] += 1


class CardState:
    """One card's windows and the `(lat, lon, t_ms)` of its latest prior event with a location."""

    __slots__ = ("window_1h", "window_24h", "last_location")

    def __init__(self) -> None:
        self.window_1h = CardWindow(HOUR_MS, track_merchants=False)
        self.window_24h = CardWindow(DAY_MS, track_merchants=True)
        self.last_location: tuple[float, float, int] | None = None


class KernelState:
    """Everything the features of a transaction read: the state left by the events before it."""

    __slots__ = ("cards", "amounts", "hours", "hours_total", "devices")

    def __init__(self) -> None:
        self.cards: dict[str, CardState] = {}
        self.amounts = AmountStats()
        self.hours = [0] * HOURS_PER_DAY
        self.hours_total = 0
        self.devices: set[str] = set()

    def card_before(self, record: Record) -> CardState:
        """The record's card, its windows evicted up to the record's time (§3: before the event)."""
        card = self.cards.get(record.card_id)
        if card is None:
            card = self.cards[record.card_id] = CardState()
        card.window_1h.evict(record.t_ms)
        card.window_24h.evict(record.t_ms)
        return card

    def add(self, record: Record, card: CardState) -> None:
        """Add the event, in §3's order: windows, Welford, hour histogram, devices, last location."""
        card.window_1h.add(record)
        card.window_24h.add(record)
        self.amounts.add(record.amount)
        self.hours[hour_of(record.t_ms)] += 1
        self.hours_total += 1
        if record.device_id is not None:
            self.devices.add(record.device_id)
        if record.lat is not None and record.lon is not None:
            card.last_location = (record.lat, record.lon, record.t_ms)
