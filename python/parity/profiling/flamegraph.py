"""Flame graphs as self-contained SVG: one box per function on a stack, width proportional to its samples.

Roots at the bottom, callees above their callers; every box carries a ``<title>`` with the function's
full name, its time and share (the browser shows it on hover). Clicking a box zooms into it and clicking
the background resets (a few lines of inline script; the SVG reads the same without it). ``[native]``
pseudo-frames are drawn in blue, Python frames in warm colours.

    svg = flame_graph_svg(profile["stacks"]["cpu"], title="CPU time")
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from xml.sax.saxutils import escape, quoteattr

from parity.profiling.frames import NATIVE_PREFIX

WIDTH: Final = 1200
FRAME_HEIGHT: Final = 17
PADDING: Final = 10
TITLE_HEIGHT: Final = 40
FONT_SIZE: Final = 11
#: Boxes narrower than this (pixels) are not drawn: they would be unreadable slivers.
MIN_WIDTH: Final = 0.3
#: Approximate width of one character at FONT_SIZE, to truncate labels that do not fit.
CHAR_WIDTH: Final = 6.5
ROOT: Final = "all"

_ZOOM_SCRIPT: Final = """
function zoom(node) {
  var x = +node.getAttribute('data-x'), w = +node.getAttribute('data-w'), d = +node.getAttribute('data-d');
  var boxes = document.querySelectorAll('g.f');
  for (var i = 0; i < boxes.length; i++) {
    var b = boxes[i], bx = +b.getAttribute('data-x'), bw = +b.getAttribute('data-w');
    var bd = +b.getAttribute('data-d'), inside = bx >= x - 1e-9 && bx + bw <= x + w + 1e-9;
    var visible = bd < d ? (bx <= x + 1e-9 && bx + bw >= x + w - 1e-9) : inside;
    b.style.display = visible ? '' : 'none';
    if (!visible) continue;
    var nx = bd < d ? 0 : (bx - x) / w, nw = bd < d ? 1 : bw / w;
    var r = b.querySelector('rect'), t = b.querySelector('text');
    r.setAttribute('x', PAD + nx * SPAN); r.setAttribute('width', Math.max(nw * SPAN - 0.5, 0));
    t.setAttribute('x', PAD + nx * SPAN + 3);
    var label = b.getAttribute('data-n'), fit = Math.floor((nw * SPAN - 6) / CW);
    t.textContent = fit < 3 ? '' : (label.length <= fit ? label : label.slice(0, fit - 2) + '..');
  }
}
function unzoom() { var root = document.querySelector('g.f[data-d="0"]'); if (root) zoom(root); }
"""


@dataclass
class _Node:
    name: str
    weight: float = 0.0
    children: dict[str, _Node] = field(default_factory=dict)


def flame_graph_svg(stacks: Sequence[dict[str, Any]], *, title: str) -> str:
    """An SVG document for collapsed ``stacks`` (``{"frames": [...], "weight_s": ...}`` as in profile.json)."""
    root = _tree(stacks)
    depth = _depth(root)
    height = TITLE_HEIGHT + (depth + 1) * FRAME_HEIGHT + 2 * PADDING
    span = WIDTH - 2 * PADDING
    boxes: list[str] = []
    if root.weight > 0:
        _layout(root, 0.0, 1.0, 0, root.weight, depth, boxes, span)
    script = (f"var PAD = {PADDING}, SPAN = {span}, CW = {CHAR_WIDTH};" + _ZOOM_SCRIPT)
    empty = "" if root.weight > 0 else (f'<text x="{PADDING}" y="{TITLE_HEIGHT + FRAME_HEIGHT}" '
                                        'font-size="12">no samples</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="{FONT_SIZE}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<script><![CDATA[{script}]]></script>\n"
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fdfaf3" onclick="unzoom()"/>\n'
        f'<text x="{WIDTH / 2}" y="{PADDING + 14}" text-anchor="middle" font-size="15">{escape(title)}</text>\n'
        f'<text x="{PADDING}" y="{PADDING + 30}" font-size="10" fill="#555">'
        f"{root.weight:.3f} s sampled; hover for names and times, click to zoom, click the background to reset"
        f"</text>\n{empty}" + "\n".join(boxes) + "\n</svg>\n"
    )


def _tree(stacks: Sequence[dict[str, Any]]) -> _Node:
    root = _Node(ROOT)
    for stack in stacks:
        weight = float(stack["weight_s"])
        root.weight += weight
        node = root
        for name in stack["frames"]:
            node = node.children.setdefault(name, _Node(name))
            node.weight += weight
    return root


def _depth(node: _Node) -> int:
    return 1 + max((_depth(child) for child in node.children.values()), default=0) if node.children else 0


def _layout(node: _Node, x: float, width: float, depth: int, total: float, max_depth: int, out: list[str],
            span: float) -> None:
    """Appends the box of ``node`` (x and width as fractions of the whole) and, recursively, its children."""
    if width * span < MIN_WIDTH:
        return
    y = TITLE_HEIGHT + PADDING + (max_depth - depth) * FRAME_HEIGHT
    share = node.weight / total
    tooltip = f"{node.name}\n{node.weight:.4f} s, {share:.2%}"
    fit = int((width * span - 6) // CHAR_WIDTH)
    label = "" if fit < 3 else node.name if len(node.name) <= fit else node.name[: fit - 2] + ".."
    out.append(
        f'<g class="f" data-x="{x:.9f}" data-w="{width:.9f}" data-d="{depth}" data-n={quoteattr(node.name)} '
        f'onclick="zoom(this)" style="cursor:pointer">'
        f"<title>{escape(tooltip)}</title>"
        f'<rect x="{PADDING + x * span:.2f}" y="{y}" width="{max(width * span - 0.5, 0):.2f}" '
        f'height="{FRAME_HEIGHT - 1}" rx="2" fill="{_colour(node.name)}"/>'
        f'<text x="{PADDING + x * span + 3:.2f}" y="{y + FRAME_HEIGHT - 5}">{escape(label)}</text></g>'
    )
    offset = x
    for child in sorted(node.children.values(), key=lambda c: c.name):
        child_width = width * child.weight / node.weight if node.weight else 0.0
        _layout(child, offset, child_width, depth + 1, total, max_depth, out, span)
        offset += child_width


def _colour(name: str) -> str:
    """Stable per name: warm for Python, blue for native code, grey for the root."""
    if name == ROOT:
        return "rgb(200,200,200)"
    seed = zlib.crc32(name.encode("utf-8"))
    if name.startswith(NATIVE_PREFIX):
        return f"rgb({60 + seed % 40},{130 + seed % 60},{200 + seed % 50})"
    return f"rgb({205 + seed % 50},{90 + (seed >> 8) % 110},{40 + (seed >> 16) % 50})"
