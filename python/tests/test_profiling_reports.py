"""Stage spans, native frame names, command mode and the report files (flame graph SVG, HTML)."""

from __future__ import annotations

import sys
import threading
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

import parity
from parity.profiling.command_mode import profile_command
from parity.profiling.frames import native_frame
from parity.profiling.report_folder import write_report
from parity.profiling.scaling import percentile
from parity.profiling.session import ProfileSession, SessionError
from parity.profiling.stage import stage

SCRIPT = """
import time
from parity import stage

def hot_loop_for_the_flame_graph():
    deadline = time.thread_time() + 0.15
    while time.thread_time() < deadline:
        sum(range(100))

with stage("outer"):
    with stage("inner"):
        hot_loop_for_the_flame_graph()
raise SystemExit(3)
"""


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([5], 0.95) == 5
    assert percentile([1, 2, 3, 4, 5], 1.0) == 5


def test_parity_stage_is_the_stage_span() -> None:
    assert parity.stage is stage


def test_stages_nest_and_split_own_time_from_nested_time() -> None:
    session = ProfileSession(interval_s=0.01)
    session.start()
    with stage("outer"):
        time.sleep(0.02)
        with stage("inner"):
            time.sleep(0.03)
    recording = session.stop()
    outer, inner = recording.stages["outer"], recording.stages["outer/inner"]
    assert inner.wall_ns >= 30e6 and outer.wall_ns >= inner.wall_ns + 20e6
    assert outer.self_wall_ns == outer.wall_ns - inner.wall_ns
    assert (outer.count, inner.count) == (1, 1)


def test_spans_outside_a_session_cost_almost_nothing_and_record_nothing() -> None:
    marked = stage("idle")
    started = time.perf_counter()
    for _ in range(100_000):
        with marked:
            pass
    per_span = (time.perf_counter() - started) / 100_000
    assert per_span < 5e-6  # a few hundred ns on an idle machine; loose for a busy one


def test_only_one_session_at_a_time() -> None:
    first = ProfileSession()
    first.start()
    try:
        with pytest.raises(SessionError):
            ProfileSession().start()
    finally:
        first.stop()


def test_native_frame_names_the_c_function_a_thread_is_inside() -> None:
    main = threading.get_ident()
    seen: list[str | None] = []

    def look() -> None:
        time.sleep(0.05)
        key = native_frame(sys._current_frames()[main])
        seen.append(key.qualname if key else None)

    watcher = threading.Thread(target=look)
    watcher.start()
    time.sleep(0.3)
    watcher.join()
    assert seen == ["[native] time.sleep"]
    assert native_frame(sys._getframe()) is None  # this frame is not standing on a call now


def test_command_mode_profiles_a_script_and_keeps_its_exit_code(tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text(SCRIPT)
    profile, exit_code = profile_command([str(script)], interval_s=0.002)
    assert exit_code == 3 and profile["exit_code"] == 3
    assert profile["top_cpu_stage"] == "outer/inner"
    write_report(profile, tmp_path / "report")
    svg = (tmp_path / "report" / "flamegraph.svg").read_text()
    root = ElementTree.fromstring(svg)
    titles = [element.text or "" for element in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any("hot_loop_for_the_flame_graph" in title for title in titles)
    ElementTree.fromstring((tmp_path / "report" / "flamegraph-wall.svg").read_text())
    html = (tmp_path / "report" / "profile.html").read_text()
    assert "http://" not in html and "https://" not in html
    assert "hot_loop_for_the_flame_graph" in html and "<svg" in html
    assert "outer/inner" in (tmp_path / "report" / "profile.md").read_text()
