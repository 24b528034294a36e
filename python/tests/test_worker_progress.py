"""Progress on a terminal (one line redrawn in place), the stage timing line, and the stage timer behind it."""

from __future__ import annotations

import io
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PYTHON, PYTHON_DIR

from importer.progress import Progress
from importer.stages import MATCH, PARSE, STAGES, SUMMARY_STAGE, VALIDATE, StageTimes
from importer.worker import ImportOptions, run_import
from parity.profiling.stage import StageRecorder, activate

HEADER = "first_name,last_name,email,phone,street,city,postcode,birth_date\n"
#: How much longer a span may be than the summary's time of the same blocks: only the timer's own enter/exit.
SPAN_OVERHEAD_S = 0.25


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_is_redrawn_in_place_and_ends_with_a_newline(tmp_path: Path, customer_db: Path) -> None:
    path = tmp_path / "import.csv"
    rows = "".join(f"Person{n},Lee,,,,,,\n" for n in range(5))
    path.write_text("first_name,last_name,email,phone,street,city,postcode,birth_date\n" + rows, encoding="utf-8")
    terminal = Terminal()

    outcome = run_import(ImportOptions(file=path, db=customer_db, batch_size=2, progress_stream=terminal))

    assert outcome.status == "succeeded"
    output = terminal.getvalue()
    assert output.startswith("\r") and output.count("\n") == 1
    last_frame = output.rsplit("\r", 1)[1]
    assert re.fullmatch(rf"job {outcome.job_id} \[#{{30}}\] 100\.0%  5 rows  [\d,]+ rows/s\x1b\[K\n", last_frame)


def test_quiet_terminal_gets_nothing(tmp_path: Path) -> None:
    terminal = Terminal()
    progress = Progress.for_stream(terminal, job_id=1, total_bytes=100, quiet=True)

    progress.update(batch=1, rows=10, bytes_read=100)
    progress.close()

    assert terminal.getvalue() == ""


def test_fraction_is_by_bytes_and_an_empty_file_is_done() -> None:
    assert Progress(io.StringIO(), job_id=1, total_bytes=200, mode="off").fraction(50) == 0.25
    assert Progress(io.StringIO(), job_id=1, total_bytes=0, mode="off").fraction(0) == 1.0


def test_timing_line_lists_stages_slowest_first_with_their_share() -> None:
    times = StageTimes()
    times.seconds.update({"match": 37.9, "read+validate": 1.6, "store": 1.1, "load customers": 0.6})

    line = times.timing_line(41.2, 10_000)

    assert line == ("time 41.2 s: match 37.9 s (92%), read+validate 1.6 s (4%), store 1.1 s (3%), "
                    "load customers 0.6 s (1%); 243 rows/s")


@pytest.fixture
def profiler() -> Iterator[StageRecorder]:
    """An active profiling session's span recorder, as `parity profile` installs it."""
    recorder = StageRecorder()
    activate(recorder)
    try:
        yield recorder
    finally:
        activate(None)


def test_one_block_is_timed_for_the_summary_and_marked_for_the_profiler(profiler: StageRecorder) -> None:
    times = StageTimes()

    with times.stage(MATCH):
        time.sleep(0.01)
    with times.stage(PARSE), times.stage(VALIDATE):  # nested spans; each counts once in the summary
        pass

    assert profiler.totals[MATCH].count == 1
    assert 0.01 <= times.seconds[MATCH] <= profiler.totals[MATCH].wall_ns / 1e9
    assert set(profiler.totals) == {MATCH, PARSE, f"{PARSE}/{VALIDATE}"}
    assert times.seconds["read+validate"] > 0 and times.seconds["store"] == 0.0


def test_summary_stage_times_and_profiler_spans_come_from_the_same_blocks(tmp_path: Path, customer_db: Path,
                                                                          profiler: StageRecorder) -> None:
    path = tmp_path / "import.csv"
    path.write_text(HEADER + "".join(f"Person{n},Lee,,,,,,\n" for n in range(5)) + "Bad,,,,,,,31/02/1990\n",
                    encoding="utf-8")

    outcome = run_import(ImportOptions(file=path, db=customer_db, batch_size=2, quiet=True))

    assert outcome.status == "succeeded"
    assert set(profiler.totals) == set(SUMMARY_STAGE), "the profiler sees the worker's five stages, unnested"
    spans = dict.fromkeys(STAGES, 0.0)
    for name, totals in profiler.totals.items():
        spans[SUMMARY_STAGE[name]] += totals.wall_ns / 1e9
    for stage, seconds in outcome.times.seconds.items():
        # Each span encloses its block's summary timing: never less, and more only by the timer's overhead.
        assert 0 < seconds <= spans[stage] <= seconds + SPAN_OVERHEAD_S, (stage, seconds, spans[stage])


def test_the_worker_times_its_stages_without_the_parity_package(tmp_path: Path, customer_db: Path) -> None:
    path = tmp_path / "import.csv"
    path.write_text(HEADER + "Ann,Lee,,,,,,\n", encoding="utf-8")
    script = ("import runpy, sys; sys.modules['parity'] = None; "  # `import parity` now fails
              f"sys.argv = ['importer', 'import', {str(path)!r}, '--db', {str(customer_db)!r}, '--quiet']; "
              "runpy.run_module('importer', run_name='__main__')")

    done = subprocess.run([PYTHON, "-c", script], cwd=PYTHON_DIR, capture_output=True, text=True, timeout=60,
                          check=False)

    assert done.returncode == 0, done.stderr
    summary, timing = done.stdout.splitlines()
    assert summary.startswith("job 1 succeeded: 1 row read = 1 result "), summary
    assert all(f"{stage} " in timing for stage in STAGES), timing
