"""Reference against native scoring kernel, side by side in one process, on large requests.

Each request is what the service hands the kernel for a big batch: 50,000 transactions (an hour of a
merchant acquirer's traffic over a few thousand cards) and a realistic account history (2,000 events over
the previous 30 days), generated per seed, written as JSON and decoded with json.loads, so every value is
its own object as in a real request. For each request and repeat, `scoring.kernel.Scorer.score` (the
reference) and `scoring._native.Scorer.score` (conversion in and out included) run in a random order;
both answers must be equal, float bits included. Prints each side's p50 and p99 over all calls, the ratios
reference / native at p50 and p99, and a 95 % bootstrap interval of the p50 ratio (the calls resampled in
pairs); then the same p50 ratio in CPU time (process time), which a machine busy with other work inflates
less than wall time.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/scoring_kernel_ab.py --requests 6 --repeats 5
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Any

from bench_native import quantile  # this script's folder is on sys.path
from scoring import _native
from scoring.kernel import BUNDLED_MODEL, Scorer, load_model

HOUR_MS = 3_600_000
DAY_MS = 86_400_000
#: The first transaction's time: 2026-12-07T10:00:00Z.
START_MS = 1_796_637_600_000
HISTORY_DAYS = 30
COUNTRIES = ["FR"] * 17 + ["DE", "ES", "GB", "US"]
CURRENCIES = ["EUR"] * 18 + ["USD", "GBP"]
MCCS = ["5411", "5812", "5814", "5541", "5311", "4111", "5999", "5912", "7011", "5732", "4829", "5967",
        "7995", "6051", "5691", "4121", "5045", "1234"]
#: Cities the cards are used in (lat, lon); a card mostly stays in one.
CITIES = [(48.8566, 2.3522), (45.764, 4.8357), (43.2965, 5.3698), (52.52, 13.405), (40.4168, -3.7038),
          (51.5074, -0.1278), (40.7128, -74.006), (43.6047, 1.4442)]


def _event(rng: random.Random, index: int, t_ms: int, card: int, home_city: int) -> dict[str, Any]:
    city = home_city if rng.random() < 0.9 else rng.randrange(len(CITIES))
    lat, lon = CITIES[city]
    located = rng.random() < 0.8
    amount = round(rng.lognormvariate(3.2, 1.1), 2)
    if rng.random() < 0.04:
        amount = -amount
    return {
        "id": f"tx-{index:08d}",
        "t_ms": t_ms,
        "amount": amount,
        "currency": rng.choice(CURRENCIES),
        "merchant_id": f"merchant-{rng.randrange(4000):05d}",
        "mcc": rng.choice(MCCS),
        "country": rng.choice(COUNTRIES),
        "lat": round(lat + rng.uniform(-0.05, 0.05), 6) if located else None,
        "lon": round(lon + rng.uniform(-0.05, 0.05), 6) if located else None,
        "card_id": f"card-{card:06d}",
        "device_id": f"device-{card * 3 + rng.randrange(4):07d}" if rng.random() < 0.7 else None,
        "channel": rng.choice(["web", "pos", "app"]),
    }


def make_request(seed: int, transactions: int, history: int, cards: int) -> str:
    """One request as JSON text: {"profile", "history", "transactions"}."""
    rng = random.Random(seed)
    homes = [rng.randrange(len(CITIES)) for _ in range(cards)]
    past = []
    for i in range(history):
        card = rng.randrange(cards)
        t_ms = START_MS - rng.randrange(HISTORY_DAYS * DAY_MS)
        past.append(_event(rng, i, t_ms, card, homes[card]))
    past.sort(key=lambda record: record["t_ms"])
    current = []
    for i in range(transactions):
        card = rng.randrange(cards)
        t_ms = START_MS + rng.randrange(HOUR_MS)
        current.append(_event(rng, history + i, t_ms, card, homes[card]))
    profile = {"home_country": "FR", "home_currency": "EUR", "tier": 2}
    return json.dumps({"profile": profile, "history": past, "transactions": current})


def same(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> bool:
    """Equal results, float bits and key order included."""
    def key(results: list[dict[str, Any]]) -> list[Any]:
        return [(list(r), r["id"], r["score"].hex(), r["decision"], r["reasons"]) for r in results]
    return key(expected) == key(actual)


def bootstrap_ratio_interval(reference: list[float], native: list[float], rng: random.Random,
                             resamples: int = 2000) -> tuple[float, float]:
    """Percentile bootstrap 95 % interval of p50(reference) / p50(native), the calls resampled in pairs."""
    pairs = list(zip(reference, native))
    ratios = []
    for _ in range(resamples):
        sample = rng.choices(pairs, k=len(pairs))
        ratios.append(quantile([r for r, _ in sample], 0.5) / quantile([n for _, n in sample], 0.5))
    ratios.sort()
    return ratios[int(0.025 * resamples)], ratios[int(0.975 * resamples) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=6, help="distinct requests (seeds 0..N-1)")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls of each side per request")
    parser.add_argument("--transactions", type=int, default=50_000)
    parser.add_argument("--history", type=int, default=2_000)
    parser.add_argument("--cards", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=18, help="seed of the call order and the bootstrap")
    args = parser.parse_args()

    model = load_model(BUNDLED_MODEL)
    reference = Scorer(model)
    native = _native.Scorer(model)
    texts = [make_request(seed, args.transactions, args.history, args.cards) for seed in range(args.requests)]
    rng = random.Random(args.seed)
    times: dict[str, list[float]] = {"reference": [], "native": []}
    cpu: dict[str, list[float]] = {"reference": [], "native": []}
    for repeat in range(args.repeats):
        for text in texts:
            request = json.loads(text)  # fresh objects for each pair of calls, as a service would have
            arguments = (request["profile"], request["history"], request["transactions"])
            sides = [("reference", reference), ("native", native)]
            rng.shuffle(sides)
            answers = {}
            for name, scorer in sides:
                started, started_cpu = time.perf_counter(), time.process_time()
                answers[name] = scorer.score(*arguments)
                times[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - started_cpu)
            if repeat == 0 and not same(answers["reference"], answers["native"]):
                print("scoring_kernel_ab: native and reference answers differ", file=sys.stderr)
                return 1

    for name, values in times.items():
        print(f"{name:9}: p50 {quantile(values, 0.5) * 1e3:9.2f} ms   p99 {quantile(values, 0.99) * 1e3:9.2f} ms"
              f"   ({len(values)} calls)")
    p50 = quantile(times["reference"], 0.5) / quantile(times["native"], 0.5)
    p99 = quantile(times["reference"], 0.99) / quantile(times["native"], 0.99)
    low, high = bootstrap_ratio_interval(times["reference"], times["native"], random.Random(args.seed))
    print(f"reference / native: p50 {p50:.1f}x [{low:.1f}, {high:.1f}] (95 % bootstrap), p99 {p99:.1f}x")
    cpu_p50 = {name: quantile(values, 0.5) for name, values in cpu.items()}
    print(f"cpu time p50: reference {cpu_p50['reference'] * 1e3:.2f} ms, native {cpu_p50['native'] * 1e3:.2f} ms, "
          f"ratio {cpu_p50['reference'] / cpu_p50['native']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
