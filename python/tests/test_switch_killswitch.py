"""The kill switch: an environment variable or a file, changed while the service runs, forces the reference."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from native_module import diff_engine_or_skip
from switch_fakes import FakeClock, Impl, make_switch

from parity.killswitch import KILL_SWITCH_ENV, KILL_SWITCH_FILE_ENV, KillSwitch


@pytest.mark.parametrize("value, killed", [
    ("", set()), ("0", set()), ("false", set()), ("OFF", set()),
    ("1", {"a", "b"}), ("true", {"a", "b"}), ("all", {"a", "b"}), ("*", {"a", "b"}),
    ("a", {"a"}), ("a, c", {"a"}), ("b a", {"a", "b"}),
])
def test_environment_values(value: str, killed: set[str]) -> None:
    kill = KillSwitch(environ={KILL_SWITCH_ENV: value})

    assert {name for name in ("a", "b") if kill.killed(name)} == killed


def test_environment_change_takes_effect_on_the_next_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    candidate = Impl("native")
    switch = make_switch("native", Impl("python"), candidate, kill_switch=KillSwitch())
    assert switch.call(1)["by"] == "native"

    monkeypatch.setenv(KILL_SWITCH_ENV, "other.fn,test.fn")
    assert switch.call(2)["by"] == "python"
    assert switch.kill_switch.reason("test.fn") == f"${KILL_SWITCH_ENV}"

    monkeypatch.setenv(KILL_SWITCH_ENV, "0")
    assert switch.call(3)["by"] == "native"
    assert candidate.count == 2
    assert 'parity_fallbacks_total{reason="killed",switch="test.fn"} 1.0' in switch.render_metrics()


def write(path: Path, text: str) -> None:
    """Replace atomically, as the documentation asks operators to."""
    temp = path.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def test_file_changed_at_runtime(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "kill.json"
    kill = KillSwitch(path, environ={}, check_interval_s=0)
    assert not kill.killed("test.fn"), "no file: nothing killed"

    write(path, '{"kill": ["test.fn"]}')
    assert kill.killed("test.fn") and not kill.killed("other.fn")
    write(path, '{"kill": false}')
    assert not kill.killed("test.fn")
    write(path, '{"kill": true}')
    assert kill.killed("other.fn") and kill.reason("other.fn") == str(path)
    path.unlink()
    assert not kill.killed("test.fn")
    path.write_text("", encoding="utf-8")
    assert kill.killed("test.fn"), "an empty file (touch) kills"


@pytest.mark.parametrize("content", ["{not json", "[]", '{"kill": "yes"}', '{"kill": [1]}', '{"other": 1}'])
def test_bad_file_content_kills_and_is_logged_once(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                   content: str) -> None:
    path = tmp_path / "kill.json"
    write(path, content)
    kill = KillSwitch(path, environ={}, check_interval_s=0)

    with caplog.at_level(logging.ERROR, logger="parity.switch"):
        assert kill.killed("test.fn") and kill.killed("test.fn")

    (record,) = caplog.records
    assert "every switch killed" in record.getMessage() and vars(record)["path"] == str(path)
    write(path, '{"kill": []}')
    assert not kill.killed("test.fn"), "fixing the file resumes"


def test_file_is_checked_at_most_once_per_interval(tmp_path: Path) -> None:
    path = tmp_path / "kill.json"
    clock = FakeClock()
    kill = KillSwitch(path, environ={}, check_interval_s=1.0, clock=clock)
    assert not kill.killed("test.fn")

    write(path, '{"kill": true}')
    assert not kill.killed("test.fn"), "not looked at again within the interval"
    clock.advance(1.0)
    assert kill.killed("test.fn")


def test_file_named_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kill.json"
    write(path, '{"kill": ["test.fn"]}')
    monkeypatch.setenv(KILL_SWITCH_FILE_ENV, str(path))
    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)

    assert KillSwitch.from_env().killed("test.fn")


def test_a_switch_follows_its_file(tmp_path: Path) -> None:
    path = tmp_path / "kill.json"
    candidate = Impl("native")
    switch = make_switch("native", Impl("python"), candidate,
                         kill_switch=KillSwitch(path, environ={}, check_interval_s=0))

    answers = [switch.call(1)["by"]]
    write(path, '{"kill": ["test.fn"]}')
    answers.append(switch.call(2)["by"])
    path.unlink()
    answers.append(switch.call(3)["by"])

    assert answers == ["native", "python", "native"]


def test_kill_stops_shadow_runs_too() -> None:
    diff_engine_or_skip()  # a shadow-mode switch is made with its comparator
    candidate = Impl("native")
    switch = make_switch("shadow", Impl("python"), candidate, environ={KILL_SWITCH_ENV: "1"})

    assert switch.call(1)["by"] == "python"
    switch.close()

    assert candidate.count == 0 and switch.stats().shadow_skipped == 1
    assert 'parity_shadow_skipped_total{reason="killed",switch="test.fn"} 1.0' in switch.render_metrics()
