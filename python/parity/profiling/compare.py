"""``compare A B``: what moved between two profiles (before and after a port): stage shares, the top
functions by CPU, and the new top of the profile.

Times are compared per request when both profiles are corpus runs (they may differ in length), else
as totals. Output: compare.json, compare.md and a self-contained compare.html.

    result = compare_profiles(load_profile("p-python"), load_profile("p-native"))
"""

from __future__ import annotations

from html import escape
from typing import Any, Final

from parity.profiling.flamegraph import flame_graph_svg
from parity.profiling.html_report import html_table, inline_svg, markdown_code
from parity.profiling.summary import OUTSIDE_STAGES

TOP: Final = 10


def compare_profiles(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    per_request = before["mode"] == after["mode"] == "corpus" and before["requests"] and after["requests"]
    unit = "ms per request" if per_request else "s in total"

    def scaled(profile: dict[str, Any], seconds: float) -> float:
        return seconds * 1000 / profile["requests"] if per_request else seconds

    stages = _stage_moves(before, after, scaled)
    functions = _function_moves(before, after)
    result = {
        "format": "parity.profile-compare", "format_version": 1, "unit": unit,
        "before": {"target": before["target"], "handler": before["handler"], "created": before["created"],
                   "wall": scaled(before, before["totals"]["wall_s"]), "cpu": scaled(before, before["totals"]["cpu_s"]),
                   "top_cpu_stage": before["top_cpu_stage"]},
        "after": {"target": after["target"], "handler": after["handler"], "created": after["created"],
                  "wall": scaled(after, after["totals"]["wall_s"]), "cpu": scaled(after, after["totals"]["cpu_s"]),
                  "top_cpu_stage": after["top_cpu_stage"]},
        "stages": stages, "functions": functions,
    }
    result["summary"] = _summary(result)
    return result


def _stage_moves(before: dict[str, Any], after: dict[str, Any], scaled: Any) -> list[dict[str, Any]]:
    rows_before = {stage["path"]: stage for stage in before["stages"]}
    rows_after = {stage["path"]: stage for stage in after["stages"]}
    moves = []
    for path in dict.fromkeys([*rows_before, *rows_after]):
        b, a = rows_before.get(path), rows_after.get(path)
        moves.append({
            "path": path,
            "wall_share_before": b["wall_share"] if b else 0.0, "wall_share_after": a["wall_share"] if a else 0.0,
            "cpu_share_before": b["cpu_share"] if b else 0.0, "cpu_share_after": a["cpu_share"] if a else 0.0,
            "wall_before": scaled(before, b["wall_s_self"]) if b else 0.0,
            "wall_after": scaled(after, a["wall_s_self"]) if a else 0.0,
            "cpu_before": scaled(before, b["cpu_s_self"]) if b else 0.0,
            "cpu_after": scaled(after, a["cpu_s_self"]) if a else 0.0,
            "kind_before": b["kind"] if b else None, "kind_after": a["kind"] if a else None,
        })
    moves.sort(key=lambda move: max(move["cpu_share_after"], move["wall_share_after"]), reverse=True)
    return moves


def _function_moves(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    def top(profile: dict[str, Any]) -> list[dict[str, Any]]:
        total = profile["samples"]["cpu"]["weight_s"] or 1.0
        return [{"name": f["name"], "cpu_self_share": round(f["cpu_self_s"] / total, 4),
                 "cpu_total_share": round(f["cpu_total_s"] / total, 4)} for f in profile["functions"][:TOP]]

    return {"before": top(before), "after": top(after)}


def _summary(result: dict[str, Any]) -> list[str]:
    b, a, unit = result["before"], result["after"], result["unit"]
    lines = [f"CPU time went from {b['cpu']:.3g} to {a['cpu']:.3g} {unit} ({_change(b['cpu'], a['cpu'])}), "
             f"wall time from {b['wall']:.3g} to {a['wall']:.3g} ({_change(b['wall'], a['wall'])})."]
    old_top = next((s for s in result["stages"] if s["path"] == b["top_cpu_stage"]), None)
    if old_top is not None:
        lines.append(f"`{old_top['path']}` went from {old_top['cpu_share_before']:.0%} to "
                     f"{old_top['cpu_share_after']:.0%} of CPU time ({old_top['cpu_before']:.3g} → "
                     f"{old_top['cpu_after']:.3g} {unit}).")
    if a["top_cpu_stage"] != b["top_cpu_stage"] and a["top_cpu_stage"] is not None:
        new_top = next(s for s in result["stages"] if s["path"] == a["top_cpu_stage"])
        lines.append(f"The new top CPU stage is `{new_top['path']}`: {new_top['cpu_share_after']:.0%} of CPU and "
                     f"{new_top['wall_share_after']:.0%} of wall time ({new_top['kind_after']}).")
    else:
        lines.append(f"The top CPU stage is still `{a['top_cpu_stage']}`.")
    waiting = [s for s in result["stages"] if s["kind_after"] == "waiting" and s["wall_share_after"] >= 0.1
               and s["path"] != OUTSIDE_STAGES]
    for stage in waiting:
        lines.append(f"`{stage['path']}` is now {stage['wall_share_after']:.0%} of wall time but "
                     f"{stage['cpu_share_after']:.0%} of CPU: waiting, a port won't help.")
    top_after = result["functions"]["after"]
    if top_after:
        lines.append(f"The top function by own CPU time is now `{top_after[0]['name']}` "
                     f"({top_after[0]['cpu_self_share']:.0%}).")
    return lines


def _change(before: float, after: float) -> str:
    if before <= 0:
        return "n/a"
    ratio = after / before
    return f"{(ratio - 1):+.0%}" if ratio >= 0.5 else f"{1 / ratio:.1f}× less" if ratio > 0 else "-100%"


def compare_markdown(result: dict[str, Any]) -> str:
    unit = result["unit"]
    lines = [f"# Profile comparison: {result['before']['target']} → {result['after']['target']}", "",
             *[f"- {line}" for line in result["summary"]], "", "## Stages", "",
             f"Own time in {unit}, and share of the profiled thread's time.", "",
             "| stage | CPU before | CPU after | CPU % before | CPU % after | wall % before | wall % after | kind after |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for s in result["stages"]:
        lines.append(f"| `{s['path']}` | {s['cpu_before']:.3g} | {s['cpu_after']:.3g} | {s['cpu_share_before']:.1%} | "
                     f"{s['cpu_share_after']:.1%} | {s['wall_share_before']:.1%} | {s['wall_share_after']:.1%} | "
                     f"{s['kind_after'] or ''} |")
    lines += ["", "## Top functions by own CPU time", "", "| # | before | CPU self | after | CPU self |",
              "| ---: | --- | ---: | --- | ---: |"]
    before, after = result["functions"]["before"], result["functions"]["after"]
    for index in range(max(len(before), len(after))):
        b = before[index] if index < len(before) else None
        a = after[index] if index < len(after) else None
        lines.append(f"| {index + 1} | {_cell(b)} | {_share(b)} | {_cell(a)} | {_share(a)} |")
    return "\n".join(lines) + "\n"


def _cell(function: dict[str, Any] | None) -> str:
    return f"`{function['name']}`" if function else ""


def _share(function: dict[str, Any] | None) -> str:
    return f"{function['cpu_self_share']:.1%}" if function else ""


def compare_html(result: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> str:
    rows = [[f"<code>{escape(s['path'])}</code>", f"{s['cpu_share_before']:.1%}", f"{s['cpu_share_after']:.1%}",
             f"{s['wall_share_before']:.1%}", f"{s['wall_share_after']:.1%}", s["kind_after"] or ""]
            for s in result["stages"]]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Profile comparison</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:1250px;margin:2em auto}"
            "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px}"
            "svg.flame{width:100%;height:auto}</style></head><body>"
            "<h1>Profile comparison</h1><ul>" + "".join(f"<li>{markdown_code(line)}</li>" for line in result["summary"])
            + "</ul><h2>Stages</h2>"
            + html_table(["stage", "CPU before", "CPU after", "wall before", "wall after", "kind after"], rows)
            + "<h2>CPU before</h2>" + inline_svg(flame_graph_svg(before["stacks"]["cpu"], title="CPU time, before"))
            + "<h2>CPU after</h2>" + inline_svg(flame_graph_svg(after["stacks"]["cpu"], title="CPU time, after"))
            + "</body></html>\n")
