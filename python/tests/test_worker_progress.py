"""Progress on a terminal (one line redrawn in place) and the stage timing line."""

from __future__ import annotations

import io
import re
from pathlib import Path

from importer.progress import Progress, StageTimes
from importer.worker import ImportOptions, run_import


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
