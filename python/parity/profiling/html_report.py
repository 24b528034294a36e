"""profile.html: one self-contained page (no external URL): summary, stages, flame graphs, memory, scaling."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any, Final

from parity.profiling.flamegraph import flame_graph_svg
from parity.profiling.markdown_report import FUNCTIONS_SHOWN, bucket_label

_STYLE: Final = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1250px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th { background: #f3f3f3; } td.l, th.l { text-align: left; }
code { font-size: 13px; } .summary li { margin: 0.3em 0; font-size: 16px; }
.bar { display: inline-block; height: 10px; background: #d9822b; vertical-align: middle; }
.bar.cpu { background: #3a7bd5; } .note { color: #666; font-size: 13px; }
svg.flame { width: 100%; height: auto; border: 1px solid #eee; }
"""
_KIND_COLOURS: Final = {"compute": "#c0392b", "native": "#2471a3", "mixed": "#b9770e", "waiting": "#7f8c8d"}
_RSS_WIDTH: Final = 600
_RSS_HEIGHT: Final = 120


def profile_html(profile: dict[str, Any]) -> str:
    title = profile["target"] if profile["mode"] == "command" else f"{profile['target']} ({profile['handler']})"
    sections = [
        f"<h1>Profile: {escape(title)}</h1>",
        '<ul class="summary">' + "".join(f"<li>{markdown_code(line)}</li>" for line in profile["summary"]) + "</ul>",
        _stages(profile),
        "<h2>CPU flame graph</h2>", inline_svg(flame_graph_svg(profile["stacks"]["cpu"], title="CPU time")),
        "<h2>Wall-time flame graph</h2>", inline_svg(flame_graph_svg(profile["stacks"]["wall"], title="Wall time")),
        _functions(profile), _memory(profile["memory"]),
        _scaling(profile["scaling"]) if profile.get("scaling") else "",
        f'<p class="note">{profile["mode"]} mode, sampling every {profile["interval_ms"]:g} ms; '
        f'{profile["samples"]["cpu"]["count"]:,} CPU and {profile["samples"]["wall"]["count"]:,} wall samples; '
        f'created {escape(profile["created"])}. '
        + " ".join(escape(note) for note in profile["notes"]) + "</p>",
    ]
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Profile: {escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>\n" + "\n".join(sections) + "\n</body></html>\n")


def inline_svg(svg: str) -> str:
    """The SVG inside HTML: the HTML parser puts it in the SVG namespace, so no namespace URL is needed."""
    return svg.replace(' xmlns="http://www.w3.org/2000/svg"', ' class="flame"', 1)


def markdown_code(text: str) -> str:
    """Markdown backticks to <code>, everything else escaped."""
    pieces = escape(text).split("`")
    return "".join(f"<code>{piece}</code>" if index % 2 else piece for index, piece in enumerate(pieces))


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> str:
    head = "".join(f'<th class="{"l" if i < left else ""}">{escape(cell)}</th>' for i, cell in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td class="{"l" if i < left else ""}">{cell}</td>' for i, cell in enumerate(row))
                   + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _bar(share: float, kind: str = "") -> str:
    return f'<span class="bar {kind}" style="width:{max(share, 0) * 150:.0f}px"></span> {share:.1%}'


def _stages(profile: dict[str, Any]) -> str:
    if not profile["stages"]:
        return "<h2>Stages</h2><p>No stages were marked (<code>parity.stage</code>).</p>"
    rows = [[f"<code>{escape(s['path'])}</code>", f"{s['count']:,}", f"{s['wall_s_self']:.3f}", _bar(s["wall_share"]),
             f"{s['cpu_s_self']:.3f}", _bar(s["cpu_share"], "cpu"), f"{s['cpu_per_wall']:.2f}",
             f"{s['native_share']:.0%}",
             f'<b style="color:{_KIND_COLOURS[s["kind"]]}">{s["kind"]}</b>',
             f"<code>{escape(s['dominant_function'] or '')}</code>"] for s in profile["stages"]]
    return ("<h2>Stages</h2><p class=\"note\">Own time (nested stages excluded), shares of the profiled thread's "
            "wall and CPU time.</p>" + html_table(["stage", "spans", "wall s", "wall", "CPU s", "CPU", "CPU/wall",
                                               "native", "kind", "mostly"], rows))


def _functions(profile: dict[str, Any]) -> str:
    cpu = profile["samples"]["cpu"]["weight_s"] or 1.0
    wall = profile["samples"]["wall"]["weight_s"] or 1.0
    rows = [[f"<code>{escape(f['name'])}</code>", f"{f['cpu_self_s'] / cpu:.1%}", f"{f['cpu_total_s'] / cpu:.1%}",
             f"{f['wall_self_s'] / wall:.1%}", f"{f['wall_total_s'] / wall:.1%}",
             "" if f["file"] == "<native>" else f"<code>{escape(f['file'])}:{f['line']}</code>"]
            for f in profile["functions"][:FUNCTIONS_SHOWN]]
    return "<h2>Functions</h2>" + html_table(["function", "CPU self", "CPU total", "wall self", "wall total", "where"],
                                         rows)


def _memory(memory: dict[str, Any]) -> str:
    parts = ["<h2>Memory</h2>", _rss_chart(memory["rss"])]
    traced = memory.get("tracemalloc")
    if traced is None:
        parts.append("<p>Allocation sites: not traced (run with <code>--memory</code>).</p>")
    elif not traced.get("sites"):
        parts.append(f"<p>Allocation sites: {escape(traced.get('note', 'nothing grew'))}.</p>")
    else:
        parts.append(f"<p>Python allocations that grew between {escape(traced['first'])} and "
                     f"{escape(traced['last'])}:</p>")
        parts.append(html_table(["site", "grew by", "blocks", "size now"], [
            [f"<code>{escape(site['file'])}:{site['line']}</code>", _mib(site["size_diff_bytes"]),
             f"{site['count_diff']:+,}", _mib(site["size_bytes"])] for site in traced["sites"]]))
    return "".join(parts)


def _rss_chart(points: list[dict[str, Any]]) -> str:
    """RSS over time as an inline SVG polyline, labelled with its range."""
    if len(points) < 2:
        return "<p>RSS: too few samples for a chart.</p>"
    times, values = [p["t_s"] for p in points], [p["bytes"] for p in points]
    low, high, end = min(values), max(values), max(times[-1], 1e-9)
    spread = max(high - low, 1)
    coords = " ".join(f"{t / end * _RSS_WIDTH:.1f},{_RSS_HEIGHT - (v - low) / spread * (_RSS_HEIGHT - 10) - 5:.1f}"
                      for t, v in zip(times, values))
    return (f'<p>RSS over {end:.1f} s: {_mib(values[0])} → {_mib(values[-1])} (range {_mib(low)}–{_mib(high)})</p>'
            f'<svg width="{_RSS_WIDTH}" height="{_RSS_HEIGHT}" style="border:1px solid #eee">'
            f'<polyline fill="none" stroke="#3a7bd5" stroke-width="1.5" points="{coords}"/></svg>')


def _scaling(scaling: dict[str, Any]) -> str:
    parts = [f"<h2>Size scaling</h2><p>Wall time per request by payload size; the slowest 5 % take over "
             f"{scaling['tail_threshold_ms']} ms.</p>"]
    for key, label in (("by_rows", "rows"), ("by_bytes", "bytes")):
        if scaling[key]:
            parts.append(html_table([label, "requests", "median ms", "p95 ms", "max ms", "CPU median ms",
                                 "in slowest 5 %"], [
                [bucket_label(b), f"{b['count']:,}", f"{b['wall_median_ms']:.2f}", f"{b['wall_p95_ms']:.2f}",
                 f"{b['wall_max_ms']:.2f}", f"{b['cpu_median_ms']:.2f}", f"{b['tail_requests']} ({b['tail_share']:.0%})"]
                for b in scaling[key]]))
    return "".join(parts)


def _mib(value: int | None) -> str:
    return "?" if value is None else f"{value / 2**20:.2f} MiB"
