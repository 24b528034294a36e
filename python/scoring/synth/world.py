"""The synthetic world: home regions, merchants (Unicode names, categories), accounts and their profiles.

Everything is drawn from one ``random.Random``, in a fixed order, so a seed gives the same world every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Final


@dataclass(frozen=True)
class Region:
    country: str
    currency: str
    zone: str  # IANA time zone timestamps are written in (DST changes included)
    lat: float
    lon: float


#: Paris and New York first: their DST changes are where the requests are placed (requests.py).
REGIONS: Final = (
    Region("FR", "EUR", "Europe/Paris", 48.8566, 2.3522),
    Region("US", "USD", "America/New_York", 40.7128, -74.0060),
    Region("DE", "EUR", "Europe/Berlin", 52.5200, 13.4050),
    Region("GB", "GBP", "Europe/London", 51.5074, -0.1278),
    Region("JP", "JPY", "Asia/Tokyo", 35.6762, 139.6503),
    Region("BR", "BRL", "America/Sao_Paulo", -23.5505, -46.6333),
    Region("IN", "INR", "Asia/Kolkata", 19.0760, 72.8777),
)
#: Where account takeovers and impossible travel come from.
FAR_AWAY: Final = (Region("NG", "NGN", "Africa/Lagos", 6.5244, 3.3792),
                   Region("RU", "RUB", "Europe/Moscow", 55.7558, 37.6173),
                   Region("AU", "AUD", "Australia/Sydney", -33.8688, 151.2093))

#: (mcc, weight) of ordinary purchases; the high-risk categories are rare.
MCCS: Final = (("5411", 30), ("5812", 20), ("5814", 10), ("5541", 10), ("5311", 8), ("4111", 8), ("5912", 5),
               ("5732", 3), ("7011", 3), ("4511", 2), ("5999", 4), ("7995", 1), ("6051", 1), ("4829", 1))
NAME_STEMS: Final = ("Café de Flore", "Bäckerei Müller", "Żabka", "東京ラーメン", "Ресторан Пушкин",
                     "Pizza 🍕 Napoli", "Smørrebrød Hus", "Crème & Brûlée", "Librería Ñandú", "São Jorge Mercado",
                     "Corner Shop", "Fuel&Go", "Électricité Plus", "दिल्ली ढाबा", "Ça Va Bistro", "İstanbul Kebap")
MERCHANTS_PER_REGION: Final = 60
BLOCKED_MERCHANTS: Final = 6
#: (status, weight): mostly active; a few of each other status so every status rule has cases.
STATUSES: Final = (("active", 88), ("dormant", 4), ("frozen", 4), ("closed", 4))
#: Statuses given, not drawn, so that even a small world has a frozen and a closed account.
FIXED_STATUSES: Final = {8: "frozen", 11: "closed", 13: "dormant"}
#: Limits per channel in the account's currency; some accounts lack atm or moto (channel_not_allowed).
LIMITS: Final = {"pos": 2000.0, "ecom": 1500.0, "atm": 500.0, "moto": 1000.0}


@dataclass(frozen=True)
class Merchant:
    merchant_id: str
    name: str
    mcc: str
    region: Region


@dataclass
class Account:
    account_id: str
    region: Region
    status: str
    currencies: list[str]
    cards: list[str]
    devices: list[str]
    limits: dict[str, float]

    def record(self) -> dict[str, Any]:
        return {"kind": "account", "account_id": self.account_id, "home_country": self.region.country,
                "home_currency": self.region.currency, "status": self.status, "allowed_currencies": self.currencies,
                "cards": self.cards, "limits": self.limits}


def make_merchants(rng: random.Random) -> list[Merchant]:
    codes, weights = zip(*MCCS)
    merchants = []
    for region in REGIONS + FAR_AWAY:
        for index in range(MERCHANTS_PER_REGION):
            name = f"{rng.choice(NAME_STEMS)} {region.country}-{index}"
            merchants.append(Merchant(f"m-{region.country.lower()}-{index:03d}", name,
                                      rng.choices(codes, weights)[0], region))
    return merchants


def blocked_merchant_records(rng: random.Random, merchants: list[Merchant]) -> list[dict[str, Any]]:
    chosen = sorted(rng.sample(range(len(merchants)), BLOCKED_MERCHANTS))
    return [{"kind": "blocked_merchant", "merchant_id": merchants[index].merchant_id, "reason": "chargebacks"}
            for index in chosen]


def make_accounts(rng: random.Random, count: int) -> list[Account]:
    statuses, weights = zip(*STATUSES)
    accounts = []
    for index in range(count):
        region = REGIONS[index % len(REGIONS)]
        account_id = f"acc-{index:05d}"
        currencies = sorted({region.currency, *rng.sample(["EUR", "USD", "GBP"], rng.randint(0, 2))})
        cards = [f"card-{index:05d}-{k}" for k in range(rng.randint(1, 3))]
        devices = [f"dev-{index:05d}-{k}" for k in range(rng.randint(1, 2))]
        limits = {channel: limit for channel, limit in LIMITS.items()
                  if channel in ("pos", "ecom") or rng.random() < 0.8}
        status = FIXED_STATUSES.get(index) or ("active" if index < len(REGIONS) else rng.choices(statuses, weights)[0])
        accounts.append(Account(account_id, region, status, currencies, cards, devices, limits))
    return accounts
