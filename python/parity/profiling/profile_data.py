"""profile.json: a session's `Recording` summarised into stages, functions, stacks, memory and scaling.

The format is documented in docs/profile.md ("profile.json"); every report (profile.md, profile.html,
the flame graphs, ``compare``) is written from this dictionary alone.

    profile = build_profile(recording, RunInfo(mode="corpus", target="corpora/x", handler="m:h", requests=196))
"""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final

from parity.profiling import summary
from parity.profiling.frames import FrameKey, function_name
from parity.profiling.sampler import SampleSet
from parity.profiling.session import Recording
from parity.profiling.stage import PATH_SEPARATOR

FORMAT: Final = "parity.profile"
FORMAT_VERSION: Final = 1
#: Functions listed in profile.json (by CPU total, then wall total).
TOP_FUNCTIONS: Final = 60
TOP_LINES: Final = 20


@dataclass
class RunInfo:
    """What was profiled: ``mode`` is ``corpus`` or ``command``."""

    mode: str
    target: str
    handler: str | None = None
    requests: int = 0
    errors: int = 0
    skipped: int = 0
    exit_code: int | None = None
    scaling: dict[str, Any] | None = None
    #: Corpus mode: wall and CPU time inside the handler's run calls, the base of every share (the
    #: session's own totals would include reading the corpus).
    busy_wall_ns: int | None = None
    busy_cpu_ns: int | None = None
    notes: list[str] = field(default_factory=list)


def build_profile(recording: Recording, info: RunInfo) -> dict[str, Any]:
    wall_total = recording.wall_ns if info.busy_wall_ns is None else info.busy_wall_ns
    cpu_total = recording.cpu_ns if info.busy_cpu_ns is None else info.busy_cpu_ns
    stages = _stages(recording, wall_total, cpu_total)
    profile: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "mode": info.mode, "target": info.target, "handler": info.handler,
        "requests": info.requests, "errors": info.errors, "skipped": info.skipped, "exit_code": info.exit_code,
        "interval_ms": recording.interval_s * 1000,
        "environment": _environment(),
        "totals": {"wall_s": _s(wall_total), "cpu_s": _s(cpu_total)},
        "profiler_cpu_s": {name: _s(value) for name, value in recording.profiler_cpu_ns.items()},
        "samples": {clock.clock: {"count": clock.count, "weight_s": _s(clock.weight_ns)}
                    for clock in (recording.cpu, recording.wall)},
        "stages": stages,
        "top_cpu_stage": _top_cpu_stage(stages),
        "functions": _functions(recording),
        "lines": _hot_lines(recording.cpu),
        "stacks": {clock.clock: _collapsed(clock) for clock in (recording.cpu, recording.wall)},
        "memory": recording.memory,
        "scaling": info.scaling,
        "notes": recording.notes + info.notes,
    }
    profile["summary"] = summary.summarise(profile)
    return profile


def write_profile_json(profile: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(profile, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_profile(folder_or_file: str | os.PathLike[str]) -> dict[str, Any]:
    """A profile.json, given its file or its report folder; ValueError if it is not one."""
    path = Path(folder_or_file)
    if path.is_dir():
        path = path / "profile.json"
    profile = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(profile, dict) or profile.get("format") != FORMAT:
        raise ValueError(f"{path}: not a parity profile (format {FORMAT!r})")
    return profile


def _stages(recording: Recording, wall_total: int, cpu_total: int) -> list[dict[str, Any]]:
    """Every stage path, largest own time first, plus the time outside any stage as its own row."""
    rows = []
    for path, totals in recording.stages.items():
        rows.append(_stage_row(path, totals.count, totals.self_wall_ns, totals.self_cpu_ns, totals.wall_ns,
                               totals.cpu_ns, recording, wall_total, cpu_total))
    if rows:
        top_level = [t for path, t in recording.stages.items() if PATH_SEPARATOR not in path]
        outside_wall = wall_total - sum(t.wall_ns for t in top_level)
        outside_cpu = cpu_total - sum(t.cpu_ns for t in top_level)
        rows.append(_stage_row(summary.OUTSIDE_STAGES, 0, max(outside_wall, 0), max(outside_cpu, 0),
                               max(outside_wall, 0), max(outside_cpu, 0), recording, wall_total, cpu_total))
    rows.sort(key=lambda row: max(row["wall_share"], row["cpu_share"]), reverse=True)
    return rows


def _top_cpu_stage(stages: list[dict[str, Any]]) -> str | None:
    """The marked stage with the most own CPU time (time outside stages is not a stage)."""
    marked = [stage for stage in stages if stage["path"] != summary.OUTSIDE_STAGES]
    return max(marked, key=lambda stage: stage["cpu_s_self"])["path"] if marked else None


def _stage_row(path: str, count: int, self_wall: int, self_cpu: int, wall: int, cpu: int, recording: Recording,
               wall_total: int, cpu_total: int) -> dict[str, Any]:
    samples = _stage_samples(recording.cpu, None if path == summary.OUTSIDE_STAGES else path)
    wall_samples = _stage_samples(recording.wall, None if path == summary.OUTSIDE_STAGES else path)
    # CPU samples of a short native call land on its call site (sampler.py), wall samples see it running:
    # the stage is as native as the larger of the two says.
    native_share = max(_native_share(samples), _native_share(wall_samples))
    wall_share = self_wall / wall_total if wall_total else 0.0
    cpu_share = self_cpu / cpu_total if cpu_total else 0.0
    return {
        "path": path, "count": count,
        "wall_s_self": _s(self_wall), "cpu_s_self": _s(self_cpu), "wall_s": _s(wall), "cpu_s": _s(cpu),
        "wall_share": round(wall_share, 4), "cpu_share": round(cpu_share, 4),
        "cpu_per_wall": round(self_cpu / self_wall, 3) if self_wall else 0.0,
        "native_share": round(native_share, 4),
        "kind": (kind := summary.stage_kind(self_wall, self_cpu, native_share)),
        "notable": max(wall_share, cpu_share) >= summary.NOTABLE_SHARE,
        "dominant_function": _dominant_function(wall_samples if kind == "native" else samples),
    }


def _native_share(samples: list[tuple[tuple[FrameKey, ...], int]]) -> float:
    total = sum(weight for _, weight in samples)
    native = sum(weight for stack, weight in samples if stack and stack[-1].is_native)
    return native / total if total else 0.0


def _stage_samples(samples: SampleSet, path: str | None) -> list[tuple[tuple[FrameKey, ...], int]]:
    """CPU samples taken with exactly this stage path innermost (own time, as the stage row's)."""
    return [(stack, entry[1]) for (stack, stage_path), entry in samples.weights.items() if stage_path == path]


def _dominant_function(samples: list[tuple[tuple[FrameKey, ...], int]]) -> str | None:
    """The deepest function on the heaviest path that holds `summary.DOMINANT_SHARE` of the samples."""
    total = sum(weight for _, weight in samples)
    if total <= 0:
        return None
    prefix: tuple[str, ...] = ()
    found = None
    while True:
        children: dict[str, int] = {}
        for stack, weight in samples:
            names = [function_name(key) for key in stack]
            if len(names) > len(prefix) and tuple(names[: len(prefix)]) == prefix:
                children[names[len(prefix)]] = children.get(names[len(prefix)], 0) + weight
        if not children:
            return found
        name, weight = max(children.items(), key=lambda item: item[1])
        if weight < summary.DOMINANT_SHARE * total:
            return found
        prefix, found = prefix + (name,), name


def _functions(recording: Recording) -> list[dict[str, Any]]:
    """Per function: own ("self") and inclusive ("total") time by CPU and by wall samples."""
    table: dict[str, dict[str, Any]] = {}
    for clock in (recording.cpu, recording.wall):
        for (stack, _), (_, weight) in clock.weights.items():
            names = [function_name(key) for key in stack]
            for key, name in zip(stack, names):
                if name not in table:
                    table[name] = {"name": name, "file": key.file, "line": key.first_line,
                                   "cpu_self_s": 0.0, "cpu_total_s": 0.0, "wall_self_s": 0.0, "wall_total_s": 0.0}
            if names:
                table[names[-1]][f"{clock.clock}_self_s"] += weight / 1e9
            for name in set(names):
                table[name][f"{clock.clock}_total_s"] += weight / 1e9
    rows = sorted(table.values(), key=lambda row: (row["cpu_self_s"], row["wall_self_s"]), reverse=True)
    for row in rows:
        for key in ("cpu_self_s", "cpu_total_s", "wall_self_s", "wall_total_s"):
            row[key] = round(row[key], 6)
    return rows[:TOP_FUNCTIONS]


def _hot_lines(samples: SampleSet) -> list[dict[str, Any]]:
    """Lines where CPU samples landed (the innermost Python frame's line), heaviest first."""
    lines: dict[tuple[str, int, str], int] = {}
    for (stack, _), (_, weight) in samples.weights.items():
        python = [key for key in stack if not key.is_native]
        if python:
            leaf = python[-1]
            key = (leaf.file, leaf.line, function_name(leaf))
            lines[key] = lines.get(key, 0) + weight
    ordered = sorted(lines.items(), key=lambda item: item[1], reverse=True)[:TOP_LINES]
    return [{"file": file, "line": line, "function": name, "cpu_s": _s(weight)}
            for (file, line, name), weight in ordered]


def _collapsed(samples: SampleSet) -> list[dict[str, Any]]:
    """Stacks by function name (lines merged), as flame graphs and ``compare`` read them."""
    merged: dict[tuple[tuple[str, ...], str | None], list[int]] = {}
    for (stack, stage_path), (count, weight) in samples.weights.items():
        key = (tuple(function_name(frame) for frame in stack), stage_path)
        entry = merged.setdefault(key, [0, 0])
        entry[0] += count
        entry[1] += weight
    ordered = sorted(merged.items(), key=lambda item: item[1][1], reverse=True)
    return [{"frames": list(frames), "stage": stage_path, "samples": count, "weight_s": _s(weight)}
            for (frames, stage_path), (count, weight) in ordered]


def _environment() -> dict[str, Any]:
    try:
        load: Iterable[float] | None = os.getloadavg()
    except OSError:
        load = None
    return {"python": sys.version.split()[0], "executable": sys.executable, "platform": platform.platform(),
            "cpus": os.cpu_count(), "load_average": list(load) if load is not None else None}


def _s(nanoseconds: int) -> float:
    return round(nanoseconds / 1e9, 6)
