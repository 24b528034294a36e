"""``python3 -m scoring synth``: the same bytes for the same seed, and the patterns and mess it promises."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from scoring import database
from scoring.cli import main
from scoring.loader import load_files
from scoring.request_checks import check_request, decode_body
from scoring.synth.generator import LABELS, SynthOptions, generate
from scoring.timestamps import parse_t_ms
from tests.scoring_fixtures import root_logging_restored  # noqa: F401 - a fixture

OPTIONS = SynthOptions(seed=7, accounts=12, history=40, requests=4, transactions=400)
MINUTE_MS = 60_000


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("synth")
    return out, generate(OPTIONS, out)


def test_same_seed_same_bytes_other_seed_other_bytes(synth: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _ = synth
    generate(OPTIONS, tmp_path / "again")
    assert _files(tmp_path / "again") == _files(out)
    generate(SynthOptions(**{**OPTIONS.__dict__, "seed": 8}), tmp_path / "other")
    assert _files(tmp_path / "other")["data.jsonl"] != _files(out)["data.jsonl"]


@pytest.mark.usefixtures("root_logging_restored")
def test_cli_writes_the_same_files(synth: tuple[Path, dict[str, Any]], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = synth
    code = main(["synth", "--out", str(tmp_path / "cli"), "--seed", "7", "--accounts", "12", "--history", "40",
                 "--requests", "4", "--transactions", "400"])
    assert code == 0 and "4 requests of 400 transactions" in capsys.readouterr().out
    assert _files(tmp_path / "cli") == _files(out)


def _requests(out: Path) -> dict[str, list[dict[str, Any]]]:
    """Each request's raw transactions, after checking that the service accepts the request."""
    requests = {}
    for path in sorted((out / "requests").iterdir()):
        document = decode_body(path.read_bytes())
        check_request(document)
        requests[path.name] = document["transactions"]
    return requests


def test_every_request_is_valid_and_every_record_loads(synth: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _ = synth
    requests = _requests(out)
    assert len(requests) == OPTIONS.requests
    assert all(len(txs) == OPTIONS.transactions for txs in requests.values())
    conn = database.connect(tmp_path / "s.db")
    result = load_files(conn, [out / "data.jsonl"])
    assert result.bad == [] and result.accounts == OPTIONS.accounts
    assert result.history == OPTIONS.accounts * OPTIONS.history and result.blocked_merchants > 0


def test_every_label_is_present_in_every_request(synth: tuple[Path, dict[str, Any]]) -> None:
    _, labels = synth
    for name, request_labels in labels.items():
        for label in LABELS:
            assert request_labels[label], (name, label)


def test_patterns_look_like_what_they_are_named(synth: tuple[Path, dict[str, Any]]) -> None:
    out, labels = synth
    for name, txs in _requests(out).items():
        by_id = {tx["id"]: tx for tx in txs}
        label = labels[name]
        burst = [by_id[i] for i in label["card_testing"]]
        times = [parse_t_ms(tx["timestamp"]) for tx in burst]
        assert len(burst) >= 20 and len({tx["card_id"] for tx in burst}) == 1
        assert max(times) - min(times) <= 10 * MINUTE_MS and all(tx["amount"] <= 2.0 for tx in burst)
        assert len({tx["merchant_id"] for tx in burst}) == len(burst)
        travel = [by_id[i] for i in label["impossible_travel"]]
        for home, away in zip(travel[::2], travel[1::2]):
            assert home["card_id"] == away["card_id"] and home["country"] != away["country"]
            assert 0 < parse_t_ms(away["timestamp"]) - parse_t_ms(home["timestamp"]) <= 40 * MINUTE_MS
        takeover = [by_id[i] for i in label["account_takeover"]]
        assert len({tx["device_id"] for tx in takeover}) == 1 and takeover[0]["device_id"].startswith("dev-takeover")
        assert all(tx["channel"] == "ecom" and tx["country"] != txs[0]["country"] for tx in takeover)


def test_mess_is_what_it_says(synth: tuple[Path, dict[str, Any]]) -> None:
    out, labels = synth
    for name, txs in _requests(out).items():
        by_id = {tx["id"]: tx for tx in txs}
        label = labels[name]
        assert all(by_id[i]["amount"] < 0 for i in label["refund"])
        assert all(by_id[i]["amount"] == 500.0 for i in label["at_high_risk_threshold"])
        assert all(by_id[i]["amount"] >= 1e8 for i in label["huge_amount"])
        offsets = {by_id[i]["timestamp"][-6:] for i in label["dst"]}
        assert len(offsets) == 2, offsets  # both sides of the DST change
        times = defaultdict(list)
        for tx in txs:
            times[parse_t_ms(tx["timestamp"])].append(tx["id"])
        assert all(len(times[parse_t_ms(by_id[i]["timestamp"])]) >= 2 for i in label["duplicate_timestamp"])
        position = {tx["id"]: index for index, tx in enumerate(txs)}
        for tx_id in label["out_of_order"]:
            previous = txs[position[tx_id] - 1]
            assert parse_t_ms(by_id[tx_id]["timestamp"]) < parse_t_ms(previous["timestamp"])
        for tx_id in label["missing_optional"]:
            tx = by_id[tx_id]
            assert any(tx.get(field) is None for field in ("lat", "lon", "device_id", "merchant_name"))
        assert any(not tx["merchant_name"].isascii() for tx in txs if tx.get("merchant_name"))
        zones = {tx["timestamp"][-6:] for tx in txs if tx["id"] in label["other_zone"]}
        assert zones - {"+01:00", "+02:00", "-05:00", "-04:00"}, zones


def test_limits_and_statuses_give_rules_something_to_fire_on(synth: tuple[Path, dict[str, Any]]) -> None:
    out, labels = synth
    accounts = [json.loads(line) for line in (out / "data.jsonl").read_text(encoding="utf-8").splitlines()
                if '"kind":"account"' in line]
    for name, txs in _requests(out).items():
        account = next(a for a in accounts if a["account_id"] == labels[name]["account_id"])
        by_id = {tx["id"]: tx for tx in txs}
        assert all(by_id[i]["amount"] == account["limits"][by_id[i]["channel"]] for i in labels[name]["at_limit"])
    assert {"active", "frozen", "closed"} <= {a["status"] for a in accounts}
