"""profile.md: the summary, the stage table, the hottest functions, memory growth and size scaling."""

from __future__ import annotations

from typing import Any, Final

#: Functions listed in profile.md (profile.json keeps more).
FUNCTIONS_SHOWN: Final = 15


def profile_markdown(profile: dict[str, Any]) -> str:
    title = profile["target"] if profile["mode"] == "command" else f"{profile['target']} ({profile['handler']})"
    parts = [f"# Profile: {title}", "", *[f"- {line}" for line in profile["summary"]], ""]
    parts += _stage_table(profile)
    parts += _function_table(profile)
    parts += _memory(profile["memory"])
    if profile.get("scaling"):
        parts += _scaling(profile["scaling"])
    parts += ["## Run", "",
              f"{profile['mode']} mode, sampling every {profile['interval_ms']:g} ms: "
              f"{profile['samples']['cpu']['count']:,} CPU samples, {profile['samples']['wall']['count']:,} wall "
              f"samples; profiler CPU: {profile['profiler_cpu_s']['signal_handler']:.3f} s in the signal handler, "
              f"{profile['profiler_cpu_s']['wall_sampler_thread']:.3f} s in the wall sampler. "
              f"Python {profile['environment']['python']}, {profile['environment']['cpus']} CPUs, load "
              f"{_load(profile['environment']['load_average'])}. Flame graphs: `flamegraph.svg` (CPU), "
              "`flamegraph-wall.svg` (wall).", ""]
    parts += [f"- note: {note}" for note in profile["notes"]]
    return "\n".join(parts).rstrip() + "\n"


def _stage_table(profile: dict[str, Any]) -> list[str]:
    if not profile["stages"]:
        return ["No stages were marked (`parity.stage`): see the functions below.", ""]
    lines = ["## Stages", "",
             "Own time (nested stages excluded), as shares of the profiled thread's wall and CPU time.", "",
             "| stage | spans | wall s | wall % | CPU s | CPU % | CPU/wall | native % | kind | mostly |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for stage in profile["stages"]:
        mostly = f"`{stage['dominant_function']}`" if stage["dominant_function"] else ""
        lines.append(f"| `{stage['path']}` | {stage['count']:,} | {stage['wall_s_self']:.3f} | "
                     f"{stage['wall_share']:.1%} | {stage['cpu_s_self']:.3f} | {stage['cpu_share']:.1%} | "
                     f"{stage['cpu_per_wall']:.2f} | {stage['native_share']:.0%} | {stage['kind']} | {mostly} |")
    return lines + [""]


def _function_table(profile: dict[str, Any]) -> list[str]:
    cpu_total = profile["samples"]["cpu"]["weight_s"] or 1.0
    wall_total = profile["samples"]["wall"]["weight_s"] or 1.0
    lines = ["## Functions", "", "By own CPU time (samples); total includes callees.", "",
             "| function | CPU self | CPU total | wall self | wall total | where |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for row in profile["functions"][:FUNCTIONS_SHOWN]:
        where = "" if row["file"] == "<native>" else f"{row['file']}:{row['line']}"
        lines.append(f"| `{row['name']}` | {row['cpu_self_s'] / cpu_total:.1%} | "
                     f"{row['cpu_total_s'] / cpu_total:.1%} | {row['wall_self_s'] / wall_total:.1%} | "
                     f"{row['wall_total_s'] / wall_total:.1%} | {where} |")
    return lines + [""]


def _memory(memory: dict[str, Any]) -> list[str]:
    lines = ["## Memory", "",
             f"RSS: {_mib(memory['rss_start_bytes'])} at the start, {_mib(memory['rss_end_bytes'])} at the end, "
             f"peak {_mib(memory['rss_peak_bytes'])}.", ""]
    traced = memory.get("tracemalloc")
    if traced is None:
        return lines + ["Allocation sites: not traced (run with `--memory`).", ""]
    if not traced.get("sites"):
        return lines + [f"Allocation sites: {traced.get('note', 'nothing grew')}.", ""]
    lines += [f"Python allocations that grew between {traced['first']} and {traced['last']} "
              f"(traced total {_mib(traced['traced_growth_bytes'])}, RSS {_mib(traced['rss_growth_bytes'])}):", "",
              "| site | grew by | blocks | size now |", "| --- | ---: | ---: | ---: |"]
    for site in traced["sites"]:
        lines.append(f"| `{site['file']}:{site['line']}` | {_mib(site['size_diff_bytes'])} | "
                     f"{site['count_diff']:+,} | {_mib(site['size_bytes'])} |")
    return lines + [""]


def _scaling(scaling: dict[str, Any]) -> list[str]:
    lines = ["## Size scaling", "",
             f"Wall time per request by payload size; the slowest 5 % take over {scaling['tail_threshold_ms']} ms.", ""]
    for key, label in (("by_rows", "rows"), ("by_bytes", "bytes")):
        if not scaling[key]:
            continue
        lines += [f"| {label} | requests | median ms | p95 ms | max ms | CPU median ms | in slowest 5 % |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for bucket in scaling[key]:
            lines.append(f"| {bucket_label(bucket)} | {bucket['count']:,} | {bucket['wall_median_ms']:.2f} | "
                         f"{bucket['wall_p95_ms']:.2f} | {bucket['wall_max_ms']:.2f} | {bucket['cpu_median_ms']:.2f} | "
                         f"{bucket['tail_requests']} ({bucket['tail_share']:.0%}) |")
        lines.append("")
    return lines


def bucket_label(bucket: dict[str, Any]) -> str:
    low, high = bucket["low"], bucket["high"]
    if bucket["unit"] == "bytes":
        return _size(low) if low == high else f"{_size(low)}–{_size(high + 1)}"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _size(value: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{value:g} {unit}"
        value //= 1024
    return f"{value:g} GiB"


def _mib(value: int | None) -> str:
    return "?" if value is None else f"{value / 2**20:.2f} MiB"


def _load(load: list[float] | None) -> str:
    return "?" if load is None else " ".join(f"{value:.2f}" for value in load)
