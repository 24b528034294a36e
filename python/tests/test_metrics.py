"""parity.metrics: the Prometheus text of a switch, through prometheus_client and through the built-in fallback."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from parity.killswitch import KillSwitch
from parity.metrics import CALLS, FALLBACKS, LATENCY, LATENCY_BUCKETS, SHADOW_MISMATCHES, SwitchMetrics
from parity.switch import Switch

HAS_CLIENT = importlib.util.find_spec("prometheus_client") is not None
EXPECTED_FAMILIES = {
    "parity_calls_total": "counter", "parity_failures_total": "counter", "parity_fallbacks_total": "counter",
    "parity_shadow_comparisons_total": "counter", "parity_shadow_mismatches_total": "counter",
    "parity_shadow_skipped_total": "counter", "parity_breaker_opened_total": "counter",
    "parity_latency_seconds": "histogram",
}
_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)')


@dataclass
class Family:
    type: str
    help: str = ""
    samples: list[tuple[str, dict[str, str], float]] = field(default_factory=list)


def parse(text: str) -> dict[str, Family]:
    """A strict little reader of the text format: every line must be a comment or a well-formed sample."""
    families: dict[str, Family] = {}
    helps: dict[str, str] = {}
    current: str | None = None
    assert text.endswith("\n")
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name, _, help_text = line[7:].partition(" ")
            helps[name] = help_text
        elif line.startswith("# TYPE "):
            name, _, kind = line[7:].partition(" ")
            current = name
            families[name] = Family(kind, helps.get(name, ""))
        else:
            match = _SAMPLE.match(line)
            assert match, f"not a sample line: {line!r}"
            name, labels_text, value = match.groups()
            labels = dict(_LABEL.findall(labels_text or ""))
            assert current is not None and name.startswith(current.removesuffix("_total")), line
            families[current].samples.append((name, labels, float(value)))
    return families


@pytest.fixture(params=["prometheus_client", "builtin"])
def metrics(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[SwitchMetrics]:
    if request.param == "builtin":
        monkeypatch.setitem(sys.modules, "prometheus_client", None)  # `import prometheus_client` now fails
    elif not HAS_CLIENT:
        pytest.skip("python3-prometheus-client is not installed")
    made = SwitchMetrics()
    assert made.uses_prometheus_client == (request.param == "prometheus_client")
    yield made


def test_families_names_and_types(metrics: SwitchMetrics) -> None:
    families = parse(metrics.render())

    assert {name: f.type for name, f in families.items() if not name.endswith("_created")} == EXPECTED_FAMILIES
    assert all(not f.samples for f in families.values())


def test_counters_with_labels(metrics: SwitchMetrics) -> None:
    metrics.inc(CALLS, "importer.match", "python")
    metrics.inc(CALLS, "importer.match", "python")
    metrics.inc(CALLS, "importer.match", "native")
    metrics.inc(FALLBACKS, "importer.match", "error", amount=3)
    metrics.inc(SHADOW_MISMATCHES, 'we"ird\\na\nme', "value")

    families = parse(metrics.render())

    assert sorted((s[1]["backend"], s[2]) for s in families["parity_calls_total"].samples) == [
        ("native", 1.0), ("python", 2.0)]
    assert families["parity_fallbacks_total"].samples == [
        ("parity_fallbacks_total", {"reason": "error", "switch": "importer.match"}, 3.0)]
    ((_, labels, _),) = families["parity_shadow_mismatches_total"].samples
    assert labels["switch"] == 'we\\"ird\\\\na\\nme'  # escaped: \" \\ \n


def test_latency_histogram_buckets_are_cumulative(metrics: SwitchMetrics) -> None:
    durations = [5e-6, 1e-5, 3e-4, 0.02, 0.02, 7.0, 60.0]
    for seconds in durations:
        metrics.observe(LATENCY, "importer.match", "native", value=seconds)

    samples = parse(metrics.render())["parity_latency_seconds"].samples

    buckets = [(float(labels["le"]), value) for name, labels, value in samples if name.endswith("_bucket")]
    assert [bound for bound, _ in buckets] == [*LATENCY_BUCKETS, float("inf")]
    assert LATENCY_BUCKETS[0] == 1e-5 and LATENCY_BUCKETS[-1] == 10.0
    counts = [value for _, value in buckets]
    assert counts == sorted(counts), "buckets must be cumulative"
    assert dict(buckets)[1e-5] == 2  # `le` is inclusive
    assert dict(buckets)[10.0] == 6 and counts[-1] == len(durations)
    (count,) = [value for name, _, value in samples if name.endswith("_count")]
    (total,) = [value for name, _, value in samples if name.endswith("_sum")]
    assert count == len(durations) and total == pytest.approx(sum(durations))
    assert all(labels.get("backend") == "native" and labels.get("switch") == "importer.match"
               for _, labels, _ in samples)


@pytest.mark.skipif(not HAS_CLIENT, reason="python3-prometheus-client is not installed")
def test_fallback_renders_what_prometheus_client_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    client = SwitchMetrics(use_prometheus_client=True)
    monkeypatch.setitem(sys.modules, "prometheus_client", None)
    builtin = SwitchMetrics()
    for made in (client, builtin):
        made.inc(CALLS, "s", "python")
        made.inc(FALLBACKS, "s", "killed", amount=2)
        made.observe(LATENCY, "s", "python", value=0.003)
        made.observe(LATENCY, "s", "native", value=1e6)

    without_created = [line for line in client.render().splitlines() if "_created" not in line]

    assert builtin.render().splitlines() == without_created


def test_prometheus_client_can_be_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "prometheus_client", None)

    with pytest.raises(ImportError):
        SwitchMetrics(use_prometheus_client=True)
    assert not SwitchMetrics(use_prometheus_client=None).uses_prometheus_client


def test_registries_are_private(metrics: SwitchMetrics) -> None:
    other = SwitchMetrics(use_prometheus_client=metrics.uses_prometheus_client)
    metrics.inc(CALLS, "a", "python")

    assert "parity_calls_total{" not in other.render()


def test_switch_reports_both_backends_under_the_same_names(metrics: SwitchMetrics, tmp_path: Path) -> None:
    switch = Switch("importer.match", lambda x: x, lambda x: x, mode="native", metrics=metrics,
                    kill_switch=KillSwitch(environ={}))
    switch.call(1)
    switch.set_mode("python")
    switch.call(2)

    families = parse(switch.render_metrics())

    assert {labels["backend"] for _, labels, _ in families["parity_calls_total"].samples} == {"python", "native"}
    assert {labels["backend"] for _, labels, _ in families["parity_latency_seconds"].samples} == {"python", "native"}
    metrics.write(tmp_path / "metrics.prom")
    assert (tmp_path / "metrics.prom").read_text(encoding="utf-8") == switch.render_metrics()


def test_buckets_must_increase() -> None:
    with pytest.raises(ValueError):
        SwitchMetrics(buckets=(1.0, 0.5))
