"""The plain-words summary at the top of every profile, and the rules its words follow.

Rules (docs/profile.md, "Reading the summary"):

* a stage is *notable* when its own time (nested stages excluded) is at least `NOTABLE_SHARE` of the
  profiled thread's wall or CPU time;
* its CPU/wall ratio says what it does: ≥ `COMPUTE_RATIO` **compute** ("a port target"), below
  `WAITING_RATIO` **waiting** ("a port won't help"), between the two **mixed** ("a port helps only the
  CPU part");
* a compute stage whose CPU or wall samples are mostly (≥ `NATIVE_SHARE`) in ``[native]`` frames is
  **native**: it already runs compiled code;
* payload size "makes the tail" when the largest size bucket holds at least `TAIL_SHARE` of the slowest
  5 % of requests and `TAIL_OVER_COUNT` times its share of all requests;
* the function a stage "mostly" is: the deepest function holding at least `DOMINANT_SHARE` of the
  stage's CPU samples.

    lines = summarise(profile)   # ["`match` is 78 % of CPU time and 71 % of wall time ...", ...]
"""

from __future__ import annotations

from typing import Any, Final

NOTABLE_SHARE: Final = 0.10
#: Lower than 1 because a busy host deschedules CPU-bound code: its wall time stretches, its CPU time not.
COMPUTE_RATIO: Final = 0.6
WAITING_RATIO: Final = 0.3
NATIVE_SHARE: Final = 0.5
DOMINANT_SHARE: Final = 0.8
#: The tail is "mostly big payloads" when the largest bucket holds this share of the slowest requests.
TAIL_SHARE: Final = 0.5
#: ... and holds this many times more of the tail than of all requests (else it is just the common size).
TAIL_OVER_COUNT: Final = 1.5

OUTSIDE_STAGES: Final = "(outside stages)"


def stage_kind(wall_ns: int, cpu_ns: int, native_share: float) -> str:
    """``compute``, ``native``, ``mixed`` or ``waiting``: what a stage spends its wall time on."""
    ratio = cpu_ns / wall_ns if wall_ns > 0 else 0.0
    if ratio >= COMPUTE_RATIO:
        return "native" if native_share >= NATIVE_SHARE else "compute"
    return "mixed" if ratio >= WAITING_RATIO else "waiting"


_VERDICTS: Final = {
    "compute": "CPU-bound Python, a port target",
    "native": "CPU-bound in compiled code already",
    "mixed": "partly waiting; a port would speed up only the CPU part",
    "waiting": "waiting (I/O, a lock, sleep), a port won't help",
}


def summarise(profile: dict[str, Any]) -> list[str]:
    """Sentences, most important first: what the run was, each notable stage, memory, and scaling."""
    lines = [_overview(profile)]
    for stage in profile["stages"]:
        if stage["notable"]:
            lines.append(_stage_sentence(stage, profile))
    if not profile["stages"]:
        lines.extend(_function_sentences(profile))
    if profile.get("top_cpu_stage"):
        lines.append(f"The top CPU stage is `{profile['top_cpu_stage']}`.")
    lines.extend(_memory_sentences(profile["memory"]))
    if (scaling := profile.get("scaling")) is not None:
        lines.extend(_scaling_sentences(scaling))
    return lines


def _overview(profile: dict[str, Any]) -> str:
    totals = profile["totals"]
    what = (f"{profile['requests']:,} requests of `{profile['target']}` through `{profile['handler']}`"
            if profile["mode"] == "corpus" else f"`{profile['target']}`")
    cpu_share = totals["cpu_s"] / totals["wall_s"] if totals["wall_s"] > 0 else 0.0
    return (f"Profiled {what}: {totals['wall_s']:.2f} s wall time, {totals['cpu_s']:.2f} s CPU time "
            f"({_percent(cpu_share)} of wall) in the profiled thread.")


def _stage_sentence(stage: dict[str, Any], profile: dict[str, Any]) -> str:
    name = f"`{stage['path']}`"
    dominant = f" (mostly `{stage['dominant_function']}`)" if stage.get("dominant_function") else ""
    over = f" over {profile['requests']:,} requests" if profile["mode"] == "corpus" else ""
    wall, cpu = _percent(stage["wall_share"]), _percent(stage["cpu_share"])
    if stage["kind"] in ("compute", "native"):
        shares = f"{cpu} of CPU time and {wall} of wall time"
    else:
        shares = f"{wall} of wall time but {cpu} of CPU time"
    return f"{name}{dominant} is {shares}{over}: {_VERDICTS[stage['kind']]}."


def _function_sentences(profile: dict[str, Any]) -> list[str]:
    """Without stages, the hottest functions by CPU self time (samples) stand in for them."""
    total = profile["samples"]["cpu"]["weight_s"]
    lines = []
    for function in profile["functions"][:3]:
        share = function["cpu_self_s"] / total if total > 0 else 0.0
        if share >= NOTABLE_SHARE:
            wall_share = function["wall_self_s"] / max(profile["samples"]["wall"]["weight_s"], 1e-12)
            lines.append(f"`{function['name']}` is {_percent(share)} of CPU samples and {_percent(wall_share)} "
                         "of wall samples (own time, no stages marked).")
    return lines


def _memory_sentences(memory: dict[str, Any]) -> list[str]:
    lines = []
    start, end = memory.get("rss_start_bytes"), memory.get("rss_end_bytes")
    if start is not None and end is not None:
        lines.append(f"RSS went from {_mb(start)} to {_mb(end)} (peak {_mb(memory['rss_peak_bytes'])}).")
    traced = memory.get("tracemalloc")
    if traced and traced.get("sites"):
        top = traced["sites"][0]
        lines.append(f"Python allocations grew by {_mb(traced['traced_growth_bytes'])} between {traced['first']} "
                     f"and the end; the top growing site is `{top['file']}:{top['line']}` "
                     f"(+{_mb(top['size_diff_bytes'])}, {top['count_diff']:+,} blocks).")
    return lines


def _scaling_sentences(scaling: dict[str, Any]) -> list[str]:
    buckets = scaling["by_rows"] or scaling["by_bytes"]
    if len(buckets) < 2:
        return []
    unit = buckets[-1]["unit"]
    largest = buckets[-1]
    count_share = largest["count"] / sum(bucket["count"] for bucket in buckets)
    label = f"{largest['low']:,}" if largest["low"] == largest["high"] else f"{largest['low']:,}–{largest['high']:,}"
    if largest["tail_share"] >= max(TAIL_SHARE, TAIL_OVER_COUNT * count_share):
        return [f"Big payloads make the tail: {_percent(largest['tail_share'])} of the slowest 5 % of requests "
                f"have {label} {unit} (the largest bucket, {_percent(count_share)} of requests)."]
    return [f"Payload size does not explain the tail: the largest bucket ({label} {unit}) holds "
            f"{_percent(largest['tail_share'])} of the slowest 5 % of requests and {_percent(count_share)} of all."]


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _mb(value: int | None) -> str:
    return "?" if value is None else f"{value / 2**20:.1f} MiB"
