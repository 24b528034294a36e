"""Switch metrics in the Prometheus text format, through `prometheus_client` or a built-in fallback.

Both backends of a switch report under the same names, told apart by the `backend` label
(`python` = reference, `native` = candidate):

    parity_calls_total{switch,backend}             calls run on a backend (answering or shadow)
    parity_failures_total{switch,backend}          of those, calls that raised
    parity_fallbacks_total{switch,reason}          reference answered where the candidate was meant to
                                                   (reason: error, circuit_open, killed)
    parity_shadow_comparisons_total{switch}        shadow runs compared with the reference
    parity_shadow_mismatches_total{switch,kind}    of those, differences, by the first difference's
                                                   kind in parity.diff (value, type, missing, extra,
                                                   array_length, order, error_vs_value, error_type,
                                                   error_message, …: docs/diff-rules.md)
    parity_shadow_skipped_total{switch,reason}     shadow runs not done (reason: sampled_out,
                                                   queue_full, circuit_open, killed, closed,
                                                   copy_failed)
    parity_breaker_opened_total{switch}            times the circuit breaker opened
    parity_latency_seconds{switch,backend}         histogram of call durations, 10 µs .. 10 s

Each `SwitchMetrics` owns a private registry (never the global one), shared by the switches it is
given to. `prometheus_client` (Debian: python3-prometheus-client) is used when importable; it adds
its usual `*_created` gauges, the fallback does not. Otherwise the output is the same.

    metrics = SwitchMetrics()
    switch = Switch("importer.match", reference, candidate, metrics=metrics)
    Path("metrics.prom").write_text(metrics.render())
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from parity.corpus import write_atomic

#: Upper bounds of the latency histogram in seconds: 10 µs to 10 s, about three per decade.
LATENCY_BUCKETS: Final = (
    1e-05, 2.5e-05, 5e-05, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
    0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)


@dataclass(frozen=True)
class _Family:
    name: str  # without the `_total` of counters
    help: str
    labels: tuple[str, ...]
    histogram: bool = False


CALLS: Final = _Family("parity_calls", "Calls run on a backend, answering or shadow.", ("switch", "backend"))
FAILURES: Final = _Family("parity_failures", "Calls in which a backend raised.", ("switch", "backend"))
FALLBACKS: Final = _Family("parity_fallbacks", "Calls the reference answered instead of the candidate.",
                           ("switch", "reason"))
SHADOW_COMPARISONS: Final = _Family("parity_shadow_comparisons", "Shadow runs compared with the reference.",
                                    ("switch",))
SHADOW_MISMATCHES: Final = _Family("parity_shadow_mismatches", "Shadow runs that differed from the reference.",
                                   ("switch", "kind"))
SHADOW_SKIPPED: Final = _Family("parity_shadow_skipped", "Shadow runs not done.", ("switch", "reason"))
BREAKER_OPENED: Final = _Family("parity_breaker_opened", "Times the circuit breaker opened.", ("switch",))
LATENCY: Final = _Family("parity_latency_seconds", "Duration of calls by backend.", ("switch", "backend"),
                         histogram=True)
FAMILIES: Final = (CALLS, FAILURES, FALLBACKS, SHADOW_COMPARISONS, SHADOW_MISMATCHES, SHADOW_SKIPPED,
                   BREAKER_OPENED, LATENCY)


class SwitchMetrics:
    """Counters and the latency histogram of one set of switches; thread-safe."""

    def __init__(self, *, use_prometheus_client: bool | None = None,
                 buckets: Sequence[float] = LATENCY_BUCKETS) -> None:
        """`use_prometheus_client=None`: use it if importable; True: require it; False: built-in."""
        self.buckets = tuple(float(bound) for bound in buckets)
        if list(self.buckets) != sorted(set(self.buckets)) or not self.buckets:
            raise ValueError("histogram buckets must be distinct and increasing")
        self._store: _PrometheusStore | _BuiltinStore | None = None
        if use_prometheus_client is not False:
            try:
                self._store = _PrometheusStore(self.buckets)
            except ImportError:
                if use_prometheus_client:
                    raise
        if self._store is None:
            self._store = _BuiltinStore(self.buckets)

    @property
    def uses_prometheus_client(self) -> bool:
        return isinstance(self._store, _PrometheusStore)

    def inc(self, family: _Family, *labels: str, amount: float = 1.0) -> None:
        assert self._store is not None and not family.histogram and len(labels) == len(family.labels)
        self._store.inc(family, labels, amount)

    def observe(self, family: _Family, *labels: str, value: float) -> None:
        assert self._store is not None and family.histogram and len(labels) == len(family.labels)
        self._store.observe(family, labels, value)

    def render(self) -> str:
        """Every family in the Prometheus text exposition format (version 0.0.4)."""
        assert self._store is not None
        return self._store.render()

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write `render()` to `path` atomically (for node_exporter's textfile collector, or a job's end)."""
        write_atomic(Path(path), self.render().encode("utf-8"))


class _PrometheusStore:
    def __init__(self, buckets: tuple[float, ...]) -> None:
        import prometheus_client  # ImportError: the caller falls back

        self._client = prometheus_client
        self._registry = prometheus_client.CollectorRegistry(auto_describe=True)
        self._metrics: dict[str, Any] = {}
        for family in FAMILIES:
            if family.histogram:
                metric: Any = prometheus_client.Histogram(family.name, family.help, family.labels,
                                                          registry=self._registry, buckets=buckets)
            else:
                metric = prometheus_client.Counter(family.name, family.help, family.labels,
                                                   registry=self._registry)
            self._metrics[family.name] = metric

    def inc(self, family: _Family, labels: tuple[str, ...], amount: float) -> None:
        self._metrics[family.name].labels(*labels).inc(amount)

    def observe(self, family: _Family, labels: tuple[str, ...], value: float) -> None:
        self._metrics[family.name].labels(*labels).observe(value)

    def render(self) -> str:
        return str(self._client.generate_latest(self._registry).decode("utf-8"))


@dataclass
class _Histogram:
    counts: list[int]  # per bucket, not cumulative; the last is +Inf
    total: float = 0.0
    count: int = 0


class _BuiltinStore:
    """Just enough of a registry to render what `prometheus_client.generate_latest` renders."""

    def __init__(self, buckets: tuple[float, ...]) -> None:
        self._buckets = buckets
        self._lock = threading.Lock()
        self._counters: dict[str, dict[tuple[str, ...], float]] = {f.name: {} for f in FAMILIES}
        self._histograms: dict[str, dict[tuple[str, ...], _Histogram]] = {f.name: {} for f in FAMILIES}

    def inc(self, family: _Family, labels: tuple[str, ...], amount: float) -> None:
        if amount < 0:
            raise ValueError("counters can only increase")
        with self._lock:
            series = self._counters[family.name]
            series[labels] = series.get(labels, 0.0) + amount

    def observe(self, family: _Family, labels: tuple[str, ...], value: float) -> None:
        index = next((i for i, bound in enumerate(self._buckets) if value <= bound), len(self._buckets))
        with self._lock:
            series = self._histograms[family.name]
            histogram = series.setdefault(labels, _Histogram([0] * (len(self._buckets) + 1)))
            histogram.counts[index] += 1
            histogram.total += value
            histogram.count += 1

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            for family in FAMILIES:
                name = family.name if family.histogram else f"{family.name}_total"
                lines.append(f"# HELP {name} {_escape_help(family.help)}")
                lines.append(f"# TYPE {name} {'histogram' if family.histogram else 'counter'}")
                if family.histogram:
                    for labels, histogram in self._histograms[family.name].items():
                        lines.extend(self._histogram_lines(family, labels, histogram))
                else:
                    for labels, value in self._counters[family.name].items():
                        lines.append(_sample(name, dict(zip(family.labels, labels)), value))
        return "\n".join(lines) + "\n"

    def _histogram_lines(self, family: _Family, labels: tuple[str, ...], histogram: _Histogram) -> list[str]:
        named = dict(zip(family.labels, labels))
        lines = []
        cumulative = 0
        for bound, count in zip((*self._buckets, math.inf), histogram.counts):
            cumulative += count
            lines.append(_sample(f"{family.name}_bucket", {**named, "le": _go_float(bound)}, cumulative))
        lines.append(_sample(f"{family.name}_count", named, histogram.count))
        lines.append(_sample(f"{family.name}_sum", named, histogram.total))
        return lines


def _sample(name: str, labels: dict[str, str], value: float) -> str:
    text = ",".join(f'{key}="{_escape_label(val)}"' for key, val in sorted(labels.items()))
    return f"{name}{{{text}}} {_go_float(value)}" if text else f"{name} {_go_float(value)}"


def _escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _escape_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _go_float(value: float) -> str:
    """A number as prometheus_client writes it (Go's formatting: `+Inf`, `1e+06`)."""
    number = float(value)
    if math.isinf(number):
        return "+Inf" if number > 0 else "-Inf"
    if math.isnan(number):
        return "NaN"
    text = repr(number)
    dot = text.find(".")
    if number > 0 and dot > 6:
        mantissa = f"{text[0]}.{text[1:dot]}{text[dot + 1:]}".rstrip("0.")
        return f"{mantissa}e+0{dot - 1}"
    return text


__all__ = ["BREAKER_OPENED", "CALLS", "FAILURES", "FALLBACKS", "FAMILIES", "LATENCY", "LATENCY_BUCKETS",
           "SHADOW_COMPARISONS", "SHADOW_MISMATCHES", "SHADOW_SKIPPED", "SwitchMetrics"]
