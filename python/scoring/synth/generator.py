"""``python3 -m scoring synth``: a world, its history and request bodies, the same bytes for the same seed.

Writes into ``--out``:

* ``data.jsonl``: accounts, blocked merchants and history, for ``python3 -m scoring load``;
* ``requests/request-0001.json`` …: ``POST /v1/score`` bodies of ``--transactions`` transactions each;
* ``labels.json``: per request file, its account and the ids of the transactions of each pattern and kind of
  mess (``card_testing``, ``impossible_travel``, ``account_takeover``, ``refund``, ``at_limit``,
  ``at_high_risk_threshold``, ``huge_amount``, ``dst``, ``other_zone``, ``duplicate_timestamp``,
  ``out_of_order``: earlier than the transaction before it, ``missing_optional``), so tests and people can find them.

Requests start a day before one of the 2026 DST changes of Paris and New York and span ``--transactions`` / 4
days (at least two); some of their timestamps are written in
those zones, so offsets change within a request. History ends where a request's window starts, except for
every tenth account, whose history ends 200 days earlier (dormant by time). Request ``i`` is for account
``i`` modulo the number of accounts.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final

from scoring.synth.transactions import OTHER_ZONES, TransactionMaker, drop_optional, rewrite_zone, timestamp
from scoring.synth.world import Account, blocked_merchant_records, make_accounts, make_merchants

DAY_MS: Final = 86_400_000
HOUR_MS: Final = 3_600_000
#: DST changes of 2026 (UTC instants) and the zone that changes there: request windows are centred on them.
DST_ANCHORS: Final = (
    (datetime(2026, 3, 29, 1, tzinfo=timezone.utc), "Europe/Paris"),
    (datetime(2026, 3, 8, 7, tzinfo=timezone.utc), "America/New_York"),
    (datetime(2026, 10, 25, 1, tzinfo=timezone.utc), "Europe/Paris"),
    (datetime(2026, 11, 1, 6, tzinfo=timezone.utc), "America/New_York"),
)
HISTORY_DAYS: Final = 90
#: An account's ordinary rate: a request of N transactions spans N / 4 days (two days at least), so a big
#: request is years of ordinary traffic, not a burst.
TRANSACTIONS_PER_DAY: Final = 4
DORMANT_GAP_DAYS: Final = 200
#: Fewer transactions than this per request: ordinary purchases only (the patterns would crowd them out).
PATTERNS_FROM: Final = 200
LABELS: Final = ("card_testing", "impossible_travel", "account_takeover", "refund", "at_limit",
                 "at_high_risk_threshold", "huge_amount", "dst", "other_zone", "duplicate_timestamp", "out_of_order",
                 "missing_optional")


@dataclass(frozen=True)
class SynthOptions:
    seed: int = 1
    accounts: int = 20
    history: int = 200
    requests: int = 4
    transactions: int = 1_000


def generate(options: SynthOptions, out: Path) -> dict[str, Any]:
    """Write the files; returns the labels (also written to labels.json)."""
    rng = random.Random(options.seed)
    merchants = make_merchants(rng)
    accounts = make_accounts(rng, options.accounts)
    lines = [account.record() for account in accounts]
    lines.extend(blocked_merchant_records(rng, merchants))
    for index, account in enumerate(accounts):
        # Request i is for account i (while there are more accounts than requests) and starts at window_start(i).
        end = _anchor_ms(index) - DAY_MS - (DORMANT_GAP_DAYS * DAY_MS if index % 10 == 9 else HOUR_MS)
        maker = TransactionMaker(rng, account, merchants, f"h{index:05d}")
        for _ in range(options.history):
            tx = maker.ordinary(end - HISTORY_DAYS * DAY_MS, end)
            if rng.random() < 0.02:
                tx["amount"] = -abs(tx["amount"])
            if rng.random() < 0.05:
                drop_optional(rng, tx)
            lines.append({"kind": "history", "account_id": account.account_id, **tx})
    (out / "requests").mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "data.jsonl", lines)
    labels: dict[str, Any] = {}
    for index in range(options.requests):
        account = accounts[index % len(accounts)]
        body, request_labels = _request(rng, account, merchants, index, options.transactions)
        name = f"request-{index + 1:04d}.json"
        (out / "requests" / name).write_bytes(_json(body))
        labels[name] = {"account_id": account.account_id, **request_labels}
    (out / "labels.json").write_bytes(_json(labels, indent=1))
    return labels


def _anchor_ms(index: int) -> int:
    anchor, _zone = DST_ANCHORS[index % len(DST_ANCHORS)]
    return int(anchor.timestamp()) * 1000


def _request(rng: random.Random, account: Account, merchants: Any, index: int,
             count: int) -> tuple[dict[str, Any], dict[str, list[str]]]:
    anchor = _anchor_ms(index)
    zone = DST_ANCHORS[index % len(DST_ANCHORS)][1]
    start = anchor - DAY_MS
    end = start + max(2 * DAY_MS, count * DAY_MS // TRANSACTIONS_PER_DAY)
    maker = TransactionMaker(rng, account, merchants, f"r{index + 1:04d}")
    labels: dict[str, list[str]] = {label: [] for label in LABELS}
    txs: list[dict[str, Any]] = []

    def add(label: str, made: list[dict[str, Any]]) -> None:
        txs.extend(made)
        labels[label].extend(tx["id"] for tx in made)

    if count >= PATTERNS_FROM:
        add("card_testing", maker.card_testing(rng.randrange(start, end - HOUR_MS)))
        for _ in range(2):
            add("impossible_travel", maker.impossible_travel(rng.randrange(start, end - HOUR_MS)))
        add("account_takeover", maker.account_takeover(rng.randrange(start, end - HOUR_MS)))
        add("refund", [maker.refund(rng.randrange(start, end)) for _ in range(max(2, count // 100))])
        add("at_limit", [maker.at_limit(rng.randrange(start, end)) for _ in range(3)])
        add("at_high_risk_threshold", [maker.at_high_risk_threshold(rng.randrange(start, end)) for _ in range(2)])
        add("huge_amount", [maker.huge(rng.randrange(start, end)) for _ in range(2)])
        dst = [maker.ordinary(anchor - 2 * HOUR_MS, anchor + 2 * HOUR_MS) for _ in range(10)]
        for tx in dst:
            rewrite_zone(tx, maker.times[tx["id"]], zone)
        add("dst", dst)
    while len(txs) < count:
        txs.append(maker.ordinary(start, end))
    txs.sort(key=lambda tx: maker.times[tx["id"]])
    if count >= PATTERNS_FROM:
        _mess(rng, maker, txs, labels)
    return {"account_id": account.account_id, "transactions": txs}, labels


def _mess(rng: random.Random, maker: TransactionMaker, txs: list[dict[str, Any]],
          labels: dict[str, list[str]]) -> None:
    """Other zones, duplicate timestamps, missing optional fields and a partial shuffle, in place."""
    ordinary = set(tx["id"] for tx in txs) - {i for ids in labels.values() for i in ids}
    for position, tx in enumerate(txs):
        if tx["id"] not in ordinary:
            continue
        draw = rng.random()
        if draw < 0.02:
            rewrite_zone(tx, maker.times[tx["id"]], rng.choice(OTHER_ZONES))
            labels["other_zone"].append(tx["id"])
        elif draw < 0.03 and position > 0:
            previous = txs[position - 1]
            maker.times[tx["id"]] = maker.times[previous["id"]]
            tx["timestamp"] = previous["timestamp"]
            labels["duplicate_timestamp"].append(tx["id"])
        elif draw < 0.08:
            drop_optional(rng, tx)
            labels["missing_optional"].append(tx["id"])
    for _ in range(len(txs) // 20):
        a, b = rng.randrange(len(txs)), rng.randrange(len(txs))
        txs[a], txs[b] = txs[b], txs[a]
    for previous, tx in zip(txs, txs[1:]):
        if maker.times[tx["id"]] < maker.times[previous["id"]]:
            labels["out_of_order"].append(tx["id"])


def _json(value: Any, indent: int | None = None) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
            + "\n").encode("utf-8")


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("wb") as stream:
        for record in records:
            stream.write(_json(record))


__all__ = ["SynthOptions", "generate", "timestamp"]
