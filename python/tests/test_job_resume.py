"""``import --resume``: a killed job finished under its own id with exactly one result or row error per input
row, as an uninterrupted run stores them, on every backend; and the resumes that must be refused.

Real ``python -m importer`` processes and real signals (import_processes.py).
"""

from __future__ import annotations

import hashlib
import json
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from import_processes import (
    BATCH_SIZE,
    ROWS,
    DataSet,
    ImportProcess,
    assert_every_row_stored_once,
    job,
    make_data_set,
    run_cli,
    run_killed_between_store_and_progress,
    stored,
)
from native_module import native_or_skip

#: The batch whose transaction the process dies in: batches 1..KILL_AT-1 are committed.
KILL_AT = 3


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> DataSet:
    return make_data_set(tmp_path_factory.mktemp("synth"))


@pytest.fixture(scope="module")
def uninterrupted(data: DataSet, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """An uninterrupted run's database per backend, made on first use."""
    runs: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("uninterrupted")

    def run(backend: str) -> Path:
        if backend not in runs:
            (folder / backend).mkdir()
            runs[backend] = data.fresh_db(folder / backend)
            run_cli("import", data.import_file, "--db", runs[backend], "--quiet", "--batch-size", BATCH_SIZE,
                    "--backend", backend, check=True)
        return runs[backend]

    return run


@pytest.fixture
def database(data: DataSet, tmp_path: Path) -> Path:
    return data.fresh_db(tmp_path)


def assert_same_as_uninterrupted(database: Path, job_id: int, reference: Path) -> None:
    assert_every_row_stored_once(database, job_id, ROWS)
    assert stored(database, job_id) == stored(reference, 1)
    counters = "rows_read, results, matched, possible, new, row_errors, blank_lines, batches, progress, status"
    assert {k: job(database, job_id)[k] for k in counters.split(", ")} == \
        {k: job(reference, 1)[k] for k in counters.split(", ")}


@pytest.mark.parametrize("backend", ["python", "native", "shadow"])
def test_a_crash_between_store_and_progress_update_is_resumed_without_duplicates(
        data: DataSet, database: Path, uninterrupted: Callable[[str], Path], backend: str) -> None:
    if backend != "python":
        native_or_skip()
    killed = run_killed_between_store_and_progress(KILL_AT, "import", data.import_file, "--db", database, "--quiet",
                                                   "--batch-size", BATCH_SIZE, "--backend", backend)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # Batch KILL_AT's INSERTs were never committed: the job holds exactly the batches before it.
    record = job(database, 1)
    committed = record["rows_read"]  # a batch holds BATCH_SIZE valid rows and the row errors between them
    assert (record["status"], record["batches"]) == ("running", KILL_AT - 1)
    assert (KILL_AT - 1) * BATCH_SIZE <= committed < KILL_AT * BATCH_SIZE
    assert_every_row_stored_once(database, 1, committed)

    recovered = run_cli("jobs", "recover", "--db", database, check=True)
    assert recovered.stdout.startswith("job 1: marked interrupted (owner pid ")
    resumed = run_cli("import", data.import_file, "--db", database, "--quiet", "--resume", 1, "--backend", backend)

    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.startswith(f"job 1 succeeded: {ROWS:,} rows read = ")
    assert f"resumed after {committed:,} rows stored by earlier runs; {ROWS - committed:,} read by this one" in \
        resumed.stdout
    assert_same_as_uninterrupted(database, 1, uninterrupted("python" if backend == "shadow" else backend))
    record = job(database, 1)
    assert (record["resumes"], record["error_message"]) == (1, None)
    assert record["resumed_at"] is not None


def test_an_import_killed_from_outside_is_resumed_directly_and_matches_an_uninterrupted_run(
        data: DataSet, database: Path, uninterrupted: Callable[[str], Path], tmp_path: Path) -> None:
    process = ImportProcess(data.import_file, database, log=tmp_path / "import.log")
    try:
        job_id = process.wait_for_batches(3)
        assert process.send_signal(signal.SIGKILL) == -signal.SIGKILL
    finally:
        process.stop()
    committed = job(database, job_id)["rows_read"]
    assert 0 < committed < ROWS

    # No `jobs recover` first: the import recovers the stale job itself.
    resumed = run_cli("import", data.import_file, "--db", database, "--quiet", "--resume", job_id)

    assert resumed.returncode == 0, resumed.stderr
    assert f'msg="stale job marked interrupted" job_id={job_id}' in resumed.stderr
    assert_same_as_uninterrupted(database, job_id, uninterrupted("python"))


def test_a_job_stopped_by_sigterm_twice_is_resumed_twice(
        data: DataSet, database: Path, uninterrupted: Callable[[str], Path], tmp_path: Path) -> None:
    first = ImportProcess(data.import_file, database, log=tmp_path / "first.log")
    try:
        job_id = first.wait_for_batches(2)
        assert first.send_signal(signal.SIGTERM) == 143
    finally:
        first.stop()
    second = ImportProcess(data.import_file, database, "--resume", job_id, log=tmp_path / "second.log")
    try:
        second.wait_for_batches(job(database, job_id)["batches"] + 2)
        assert second.send_signal(signal.SIGTERM) == 143
    finally:
        second.stop()
    assert job(database, job_id)["status"] == "interrupted"

    resumed = run_cli("import", data.import_file, "--db", database, "--quiet", "--resume", job_id)

    assert resumed.returncode == 0, resumed.stderr
    assert_same_as_uninterrupted(database, job_id, uninterrupted("python"))
    assert job(database, job_id)["resumes"] == 2


def interrupted_job(data: DataSet, database: Path, file: Path) -> None:
    """Job 1 on ``file``, killed in its second batch and recovered: interrupted."""
    killed = run_killed_between_store_and_progress(2, "import", file, "--db", database, "--quiet",
                                                   "--batch-size", BATCH_SIZE)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    run_cli("jobs", "recover", "--db", database, check=True)
    assert job(database, 1)["status"] == "interrupted"


def test_a_changed_file_is_refused_naming_both_fingerprints(data: DataSet, database: Path, tmp_path: Path) -> None:
    file = data.file_copy(tmp_path)
    interrupted_job(data, database, file)
    recorded = job(database, 1)
    with open(file, "a", encoding="utf-8") as out:
        out.write("Ann,Lee,ann@example.org,,,,,,\n")
    size = file.stat().st_size
    digest = hashlib.sha256(file.read_bytes()).hexdigest()

    refused = run_cli("import", file, "--db", database, "--resume", 1)

    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        f"importer: error: cannot resume: the file is not the one job 1 imported: it has {size:,} bytes, SHA-256 "
        f"{digest}; job 1 recorded {recorded['file_size']:,} bytes, SHA-256 {recorded['file_sha256']}")
    assert job(database, 1) == recorded


@pytest.mark.parametrize(("option", "value", "recorded"), [("--batch-size", "7", BATCH_SIZE),
                                                         ("--encoding", "latin-1", "auto")])
def test_a_resume_refuses_reading_options_other_than_the_jobs(option: str, value: str, recorded: object,
                                                              data: DataSet, database: Path, tmp_path: Path) -> None:
    file = data.file_copy(tmp_path)
    interrupted_job(data, database, file)
    before = job(database, 1)

    refused = run_cli("import", file, "--db", database, "--resume", 1, option, value)

    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        f"importer: error: cannot resume: job 1 reads its file with {option} {recorded}, not {value}: leave "
        f"{option} out to resume it as it was started")
    assert job(database, 1) == before


def test_a_resume_accepts_the_jobs_own_reading_options(data: DataSet, database: Path, tmp_path: Path) -> None:
    file = data.file_copy(tmp_path)
    interrupted_job(data, database, file)

    resumed = run_cli("import", file, "--db", database, "--quiet", "--resume", 1, "--batch-size", BATCH_SIZE,
                      "--encoding", "auto")

    assert resumed.returncode == 0, resumed.stderr
    assert_every_row_stored_once(database, 1, ROWS)


def test_a_succeeded_job_is_refused(data: DataSet, database: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("".join(data.import_file.read_text().splitlines(keepends=True)[:6]))
    run_cli("import", small, "--db", database, "--quiet", check=True)

    refused = run_cli("import", small, "--db", database, "--resume", 1)

    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == ("importer: error: cannot resume: job 1 already succeeded (5 rows "
                                               "read): nothing to resume")


def test_a_running_job_and_a_missing_one_are_refused(data: DataSet, database: Path, tmp_path: Path) -> None:
    # Small batches (a commit each) keep it running while the two refused commands start and end.
    process = ImportProcess(data.import_file, database, "--batch-size", 5, log=tmp_path / "import.log")
    try:
        job_id = process.wait_for_batches(1)
        refused = run_cli("import", data.import_file, "--db", database, "--resume", job_id)
        missing = run_cli("import", data.import_file, "--db", database, "--resume", 99)
        assert process.process.poll() is None
    finally:
        process.stop()

    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1].startswith(
        f"importer: error: cannot resume: job {job_id} is running (owner pid {process.pid} on host ")
    assert refused.stderr.splitlines()[-1].endswith(") and looks alive: it cannot be resumed while it runs")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == f"importer: error: cannot resume: no job 99 in {database}"


def test_a_resumed_recording_continues_the_batch_numbering(data: DataSet, database: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    small = tmp_path / "small.csv"
    small.write_text("".join(data.import_file.read_text().splitlines(keepends=True)[:201]))
    killed = run_killed_between_store_and_progress(3, "import", small, "--db", database, "--quiet",
                                                   "--batch-size", BATCH_SIZE, "--record", corpus)
    assert killed.returncode == -signal.SIGKILL

    resumed = run_cli("import", small, "--db", database, "--quiet", "--resume", 1, "--record", corpus)

    assert resumed.returncode == 0, resumed.stderr
    ids = [json.loads(line)["id"] for path in sorted(corpus.glob("requests*.jsonl"))
           for line in path.read_text().splitlines()]
    assert len(ids) == len(set(ids))
    resumed_labels = sorted(i.split("-", 2)[2] for i in ids if i.split("-")[1] == ids[-1].split("-")[1])
    assert resumed_labels[0] == "job1-batch000003"
    assert resumed_labels == [f"job1-batch{n:06d}" for n in range(3, 3 + len(resumed_labels))]
