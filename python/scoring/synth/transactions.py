"""Synthetic transactions: ordinary purchases, the fraud patterns, and the mess real traffic has.

Patterns (each returns the transactions it made, so the request's labels can list their ids):

* **card testing**: a burst of 20–40 tiny ecom amounts on one card within ten minutes, at distinct merchants;
* **impossible travel**: two purchases on one card 20–40 minutes apart, one at home and one thousands of
  kilometres away, both with a location;
* **account takeover**: a new device, a far-away country and currency, ecom purchases near the limits within
  an hour.

Mess: refunds (negative amounts), amounts exactly at the channel limit and at the high-risk threshold,
huge amounts, duplicate timestamps, timestamps written in another zone than the home one (UTC, +05:30,
-03:30), missing optional fields (no location, no device, no merchant name).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any, Final
from zoneinfo import ZoneInfo

from scoring.rules import HIGH_RISK_AMOUNT, HIGH_RISK_MCCS
from scoring.synth.world import FAR_AWAY, Account, Merchant, Region

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: Zones a timestamp is sometimes written in instead of the home zone (same instant, other offset).
OTHER_ZONES: Final = ("UTC", "Asia/Kolkata", "America/St_Johns")
HUGE_AMOUNTS: Final = (987_654_321.5, 5e11, 999_999_999_999.99)
MINUTE_MS: Final = 60_000
_zones: dict[str, ZoneInfo] = {}


def timestamp(t_ms: int, zone: str) -> str:
    """``t_ms`` written in ``zone`` with its offset at that instant, to the millisecond."""
    tz = _zones.get(zone) or _zones.setdefault(zone, ZoneInfo(zone))
    return (_EPOCH + timedelta(milliseconds=t_ms)).astimezone(tz).isoformat(timespec="milliseconds")


class TransactionMaker:
    """Makes the transactions of one account; ids are ``<prefix>-<n>``, unique within the maker."""

    def __init__(self, rng: random.Random, account: Account, merchants: list[Merchant], prefix: str) -> None:
        self.rng = rng
        self.account = account
        self.prefix = prefix
        self.count = 0
        #: id -> t_ms of every transaction made, for labels and the mess applied afterwards.
        self.times: dict[str, int] = {}
        self.home_merchants = [m for m in merchants if m.region == account.region]
        self.far_merchants = {region.country: [m for m in merchants if m.region == region] for region in FAR_AWAY}

    def make(self, t_ms: int, *, merchant: Merchant | None = None, amount: float | None = None,
             channel: str | None = None, card: str | None = None, region: Region | None = None,
             device: str | None = None, currency: str | None = None) -> dict[str, Any]:
        rng, account = self.rng, self.account
        region = region or account.region
        merchant = merchant or rng.choice(self.home_merchants)
        channel = channel or rng.choices(("pos", "ecom", "atm", "moto"), (60, 30, 8, 2))[0]
        if channel not in account.limits:
            channel = "pos"
        if amount is None:
            amount = round(min(rng.lognormvariate(3.2, 1.0), account.limits[channel] * 0.9), 2)
        self.count += 1
        self.times[f"{self.prefix}-{self.count:06d}"] = t_ms
        tx: dict[str, Any] = {
            "id": f"{self.prefix}-{self.count:06d}", "timestamp": timestamp(t_ms, region.zone), "amount": amount,
            "currency": currency or account.region.currency, "merchant_id": merchant.merchant_id,
            "mcc": merchant.mcc, "country": region.country,
            "lat": round(region.lat + rng.uniform(-0.2, 0.2), 5), "lon": round(region.lon + rng.uniform(-0.2, 0.2), 5),
            "card_id": card or rng.choice(account.cards), "channel": channel, "merchant_name": merchant.name}
        if channel in ("ecom", "moto"):
            tx["device_id"] = device or rng.choice(account.devices)
            del tx["lat"], tx["lon"]
        return tx

    def ordinary(self, start_ms: int, end_ms: int) -> dict[str, Any]:
        return self.make(self.rng.randrange(start_ms, end_ms))

    def card_testing(self, t_ms: int) -> list[dict[str, Any]]:
        card = self.rng.choice(self.account.cards)
        merchants = self.rng.sample(self.home_merchants, min(len(self.home_merchants), self.rng.randint(20, 40)))
        return [self.make(t_ms + self.rng.randrange(10 * MINUTE_MS), merchant=merchant, channel="ecom", card=card,
                          amount=round(self.rng.uniform(0.5, 2.0), 2)) for merchant in merchants]

    def impossible_travel(self, t_ms: int) -> list[dict[str, Any]]:
        card = self.rng.choice(self.account.cards)
        far = self.rng.choice(FAR_AWAY)
        home = self.make(t_ms, channel="pos", card=card)
        away = self.make(t_ms + self.rng.randint(20, 40) * MINUTE_MS, channel="pos", card=card, region=far,
                         merchant=self.rng.choice(self.far_merchants[far.country]))
        return [home, away]

    def account_takeover(self, t_ms: int) -> list[dict[str, Any]]:
        far = self.rng.choice(FAR_AWAY)
        device = f"dev-takeover-{self.prefix}-{self.rng.randrange(10**6):06d}"
        card = self.rng.choice(self.account.cards)
        limit = self.account.limits["ecom"]
        return [self.make(t_ms + self.rng.randrange(60 * MINUTE_MS), channel="ecom", card=card, region=far,
                          device=device, currency="USD", amount=round(limit * self.rng.uniform(0.8, 1.0), 2),
                          merchant=self.rng.choice(self.far_merchants[far.country]))
                for _ in range(self.rng.randint(4, 8))]

    def refund(self, t_ms: int) -> dict[str, Any]:
        return self.make(t_ms, amount=-round(self.rng.uniform(5, 300), 2), channel="pos")

    def at_limit(self, t_ms: int) -> dict[str, Any]:
        channel = self.rng.choice(sorted(self.account.limits))
        return self.make(t_ms, channel=channel, amount=self.account.limits[channel])

    def at_high_risk_threshold(self, t_ms: int) -> dict[str, Any]:
        tx = self.make(t_ms, channel="pos", amount=HIGH_RISK_AMOUNT)
        tx["mcc"] = self.rng.choice(sorted(HIGH_RISK_MCCS))
        return tx

    def huge(self, t_ms: int) -> dict[str, Any]:
        return self.make(t_ms, amount=self.rng.choice(HUGE_AMOUNTS), channel="pos")


def rewrite_zone(tx: dict[str, Any], t_ms: int, zone: str) -> None:
    """The same instant written in another zone."""
    tx["timestamp"] = timestamp(t_ms, zone)


def drop_optional(rng: random.Random, tx: dict[str, Any]) -> None:
    """Remove (or null) some optional fields, as clients that do not know them send."""
    for name in ("lat", "lon", "device_id", "merchant_name"):
        if name in tx and rng.random() < 0.5:
            if rng.random() < 0.5:
                del tx[name]
            else:
                tx[name] = None
