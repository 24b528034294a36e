"""``import --backend``: the worker's batches through the runtime switch, with a fake (or the real) native matcher."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from native_module import diff_engine_or_skip, native_or_skip

from importer.customer_snapshot import CustomerSnapshot
from conftest import CUSTOMERS
from importer.match_backend import BackendOptions
from importer.matching import Matcher
from importer.recording import RecordOptions
from importer.worker import ImportOptions, ImportOutcome, run_import

HEADER = "external_ref,first_name,last_name,email,phone,street,city,postcode,birth_date"
ROWS = [
    "r1,Anne,Lee,ANN.LEE@example.org,020 7946 0958,1 High St,London,SW1A 1AA,07/03/1984",
    "r2,Bob,Smith,bob.smith@example.com,,2 Park Road,Leeds,LS1 4AP,",
    "r3,John,Doe,john@@x,,,,,",  # a row error: never reaches the matcher
    "r4,Zoe,Newman,zoe@newman.org,,,,,",
    "r5,Kim,Lee,,,,London,,",
]
PYTHON = "/usr/bin/python3"
PYTHON_DIR = Path(__file__).resolve().parents[1]
Tamper = Callable[[int, list[dict[str, Any]]], list[dict[str, Any]]]


def fake_native_module(tamper: Tamper | None = None) -> ModuleType:
    """A stand-in for importer._native: the Python matcher, optionally made wrong on purpose."""
    module = ModuleType("importer._native")

    class FakeNativeMatcher:
        calls = 0

        def __init__(self, customers: Sequence[dict[str, Any]], config: Any = None) -> None:
            self._inner = Matcher(customers, config)
            self.config = self._inner.config

        @classmethod
        def from_chunks(cls, chunks: Iterable[list[dict[str, Any]]], config: Any = None) -> FakeNativeMatcher:
            return cls([customer for chunk in chunks for customer in chunk], config)

        def match(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
            FakeNativeMatcher.calls += 1
            results = self._inner.match(rows)
            return tamper(FakeNativeMatcher.calls, results) if tamper else results

    module.Matcher = FakeNativeMatcher  # type: ignore[attr-defined]
    return module


def wrong_score_in_second_call(call: int, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if call == 2:
        results[1] = {**results[1], "score": -1.0}
    return results


def import_file(tmp_path: Path, customer_db: Path, backend: str, **options: Any) -> ImportOutcome:
    path = tmp_path / "import.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    backend_options = BackendOptions(backend, options.pop("metrics_file", None), options.pop("native_factory", None))
    return run_import(ImportOptions(file=path, db=customer_db, batch_size=2, quiet=True, backend=backend_options,
                                    **options))


def stored(db: Path, job_id: int | None) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT row_number, status, customer_id, score, field_scores FROM matches "
                            "WHERE job_id = ? ORDER BY row_number", (job_id,)).fetchall()
    finally:
        conn.close()


@pytest.fixture(autouse=True)
def no_operator_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kill switch or a default backend in the developer's environment must not change these tests."""
    for name in ("PARITY_KILL_SWITCH", "PARITY_KILL_SWITCH_FILE", "IMPORTER_MATCH_BACKEND"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def diff_engine() -> None:
    """Shadow mode compares with parity.diff: its compiled engine, or a skip when run by hand without a build."""
    diff_engine_or_skip()


@pytest.fixture
def native_module(monkeypatch: pytest.MonkeyPatch) -> Callable[[Tamper | None], ModuleType]:
    def install(tamper: Tamper | None = None) -> ModuleType:
        module = fake_native_module(tamper)
        monkeypatch.setitem(sys.modules, "importer._native", module)
        return module

    return install


@pytest.fixture
def no_native_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "importer._native", None)  # `import importer._native` raises ImportError


def test_shadow_stores_the_python_answers_and_counts_mismatches(
        tmp_path: Path, customer_db: Path, native_module: Any, diff_engine: None,
        caplog: pytest.LogCaptureFixture) -> None:
    python_only = import_file(tmp_path, customer_db, "python")
    module = native_module(wrong_score_in_second_call)

    with caplog.at_level(logging.WARNING, logger="parity.switch"):
        outcome = import_file(tmp_path, customer_db, "shadow")

    assert outcome.status == "succeeded", outcome.error_message
    assert module.Matcher.calls == 2  # type: ignore[attr-defined]
    assert stored(customer_db, outcome.job_id) == stored(customer_db, python_only.job_id)
    assert outcome.summary_lines()[2] == ("backend shadow: 2 matcher calls answered by python; "
                                          "shadow: 2 compared, 1 mismatched, 0 skipped")
    (record,) = caplog.records
    fields = vars(record)
    assert (fields["job_id"], fields["request_id"], fields["pointer"], fields["kind"]) == (
        outcome.job_id, f"job{outcome.job_id}-batch000002", "/1/score", "value")


def test_native_answers_and_agrees_with_python(tmp_path: Path, customer_db: Path, native_module: Any) -> None:
    python_only = import_file(tmp_path, customer_db, "python")
    module = native_module()

    outcome = import_file(tmp_path, customer_db, "native")

    assert outcome.status == "succeeded" and module.Matcher.calls == 2  # type: ignore[attr-defined]
    assert stored(customer_db, outcome.job_id) == stored(customer_db, python_only.job_id)
    assert outcome.summary_lines()[2] == "backend native: 2 matcher calls answered by native"


def test_native_failures_fall_back_to_python(tmp_path: Path, customer_db: Path, native_module: Any) -> None:
    def crash(call: int, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
        raise RuntimeError("native bug")

    native_module(crash)

    outcome = import_file(tmp_path, customer_db, "native")

    assert outcome.status == "succeeded" and outcome.counters.results == 4
    assert outcome.summary_lines()[2] == ("backend native: 2 matcher calls answered by python "
                                          "(2 native failures; 2 fallbacks to python)")


def counting_python_matchers(built: list[int]) -> Callable[[list[dict[str, Any]]], Matcher]:
    def factory(customers: list[dict[str, Any]]) -> Matcher:
        built.append(len(customers))
        return Matcher(customers)

    return factory


def test_a_native_job_without_failures_never_builds_the_python_matcher(tmp_path: Path, customer_db: Path,
                                                                        native_module: Any) -> None:
    native_module()
    built: list[int] = []

    outcome = import_file(tmp_path, customer_db, "native", matcher_factory=counting_python_matchers(built))

    assert outcome.status == "succeeded" and outcome.summary_lines()[2].endswith("answered by native")
    assert built == []


def test_the_first_fallback_builds_the_python_matcher_once_and_gets_its_answer(
        tmp_path: Path, customer_db: Path, native_module: Any, caplog: pytest.LogCaptureFixture) -> None:
    python_only = import_file(tmp_path, customer_db, "python")

    def second_and_third_calls_fail(call: int, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if call in (2, 3):
            raise RuntimeError("native bug")
        return results

    native_module(second_and_third_calls_fail)
    built: list[int] = []
    lines = ROWS + ROWS  # four batches of two rows
    path = tmp_path / "import.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="importer.lazy_reference"):
        outcome = run_import(ImportOptions(file=path, db=customer_db, batch_size=2, quiet=True,
                                           backend=BackendOptions("native"),
                                           matcher_factory=counting_python_matchers(built)))

    assert outcome.status == "succeeded", outcome.error_message
    assert built == [len(CUSTOMERS)], "built once, from the job's whole customer snapshot"
    assert outcome.summary_lines()[2] == ("backend native: 2 matcher calls answered by native, 2 by python "
                                          "(2 native failures; 2 fallbacks to python)")
    answers = [row[1:] for row in stored(customer_db, outcome.job_id)]
    assert answers == [row[1:] for row in stored(customer_db, python_only.job_id)] * 2
    (record,) = [record for record in caplog.records if record.name == "importer.lazy_reference"]
    assert record.getMessage() == "python reference matcher built on its first call"
    assert vars(record)["customers"] == len(CUSTOMERS) and vars(record)["duration_ms"] >= 0


def test_native_without_the_module_fails_the_job_readably(tmp_path: Path, customer_db: Path,
                                                          no_native_module: None) -> None:
    outcome = import_file(tmp_path, customer_db, "native")

    assert outcome.status == "failed"
    assert outcome.error_message is not None
    assert outcome.error_message.startswith("--backend native: the native matcher (importer._native) cannot be "
                                            "imported: ")
    assert "cmake --workflow --preset release" in outcome.error_message
    assert outcome.summary_lines() == [f"job {outcome.job_id} failed: {outcome.error_message}"]


@pytest.mark.parametrize("backend", ["shadow", "percent:100"])
def test_shadow_and_percent_without_the_module_run_python_only(
        tmp_path: Path, customer_db: Path, no_native_module: None, backend: str,
        caplog: pytest.LogCaptureFixture) -> None:
    if backend == "shadow":
        diff_engine_or_skip()  # without it, shadow runs python only for that reason first
    with caplog.at_level(logging.WARNING, logger="importer.match_backend"):
        outcome = import_file(tmp_path, customer_db, backend)

    assert outcome.status == "succeeded" and outcome.counters.results == 4
    line = outcome.summary_lines()[2]
    assert line.startswith(f"backend {backend}: 2 matcher calls answered by python (native matcher unavailable: ")
    assert [record.getMessage().split(":")[0] for record in caplog.records] == ["native matcher unavailable"]


def test_shadow_without_the_diff_engine_runs_python_only_and_says_why(
        tmp_path: Path, customer_db: Path, native_module: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from parity import diff

    module = native_module()
    monkeypatch.setattr(diff, "_diff", None)  # as in a source checkout without a CMake build

    with caplog.at_level(logging.WARNING, logger="importer.match_backend"):
        outcome = import_file(tmp_path, customer_db, "shadow")

    assert outcome.status == "succeeded" and outcome.counters.results == 4
    assert module.Matcher.calls == 0  # type: ignore[attr-defined]
    line = outcome.summary_lines()[2]
    assert line.startswith("backend shadow: 2 matcher calls answered by python (shadow comparison unavailable: "
                           "parity._diff is not built "), line
    assert [record.getMessage().split(":")[0] for record in caplog.records] == ["shadow comparison unavailable"]


def test_a_native_matcher_that_fails_to_build_leaves_python_answering(tmp_path: Path, customer_db: Path) -> None:
    def broken(customers: CustomerSnapshot, config: Any) -> Any:
        raise ValueError("customers[3]: unsupported")

    outcome = import_file(tmp_path, customer_db, "native", native_factory=broken)

    assert outcome.status == "succeeded"
    assert outcome.summary_lines()[2] == ("backend native: 2 matcher calls answered by python "
                                          "(native matcher failed to build: ValueError: customers[3]: unsupported)")


@pytest.mark.parametrize("percent, answered_by", [(0, "python"), (100, "native")])
def test_percent_ends(tmp_path: Path, customer_db: Path, native_module: Any, percent: int, answered_by: str) -> None:
    native_module()

    outcome = import_file(tmp_path, customer_db, f"percent:{percent}")

    assert outcome.summary_lines()[2].startswith(f"backend percent:{percent}: 2 matcher calls answered by "
                                                 f"{answered_by}")


def test_percent_is_decided_per_job(tmp_path: Path, customer_db: Path, native_module: Any) -> None:
    from parity.modes import in_slice

    native_module()
    for _ in range(6):
        outcome = import_file(tmp_path, customer_db, "percent:50")
        expected = "native" if in_slice("importer.match", outcome.job_id, 50) else "python"
        assert f"answered by {expected}" in outcome.summary_lines()[2], outcome.summary_lines()


def test_metrics_file_is_written_at_the_end(tmp_path: Path, customer_db: Path, native_module: Any,
                                            diff_engine: None) -> None:
    native_module()
    metrics = tmp_path / "metrics.prom"

    outcome = import_file(tmp_path, customer_db, "shadow", metrics_file=metrics)

    text = metrics.read_text(encoding="utf-8")
    assert outcome.status == "succeeded"
    assert 'parity_calls_total{backend="python",switch="importer.match"} 2.0' in text
    assert 'parity_calls_total{backend="native",switch="importer.match"} 2.0' in text
    assert 'parity_shadow_comparisons_total{switch="importer.match"} 2.0' in text
    assert 'parity_latency_seconds_count{backend="native",switch="importer.match"} 2.0' in text


def test_metrics_in_python_mode_go_through_the_switch(tmp_path: Path, customer_db: Path) -> None:
    metrics = tmp_path / "metrics.prom"

    outcome = import_file(tmp_path, customer_db, "python", metrics_file=metrics)

    assert outcome.summary_lines()[2] == "backend python: 2 matcher calls answered by python"
    assert 'parity_calls_total{backend="python",switch="importer.match"} 2.0' in metrics.read_text(encoding="utf-8")


def test_plain_python_keeps_the_two_line_summary(tmp_path: Path, customer_db: Path) -> None:
    outcome = import_file(tmp_path, customer_db, "python")

    assert len(outcome.summary_lines()) == 2 and outcome.backend_line is None


def test_record_in_shadow_mode_records_the_python_answers(tmp_path: Path, customer_db: Path,
                                                          native_module: Any, diff_engine: None) -> None:
    from parity.corpus import open_corpus

    native_module(wrong_score_in_second_call)
    outcome = import_file(tmp_path, customer_db, "shadow", record=RecordOptions(tmp_path / "corpus"))

    requests = list(open_corpus(tmp_path / "corpus").requests())
    session = requests[0]["id"].split("-")[1]
    assert [request["id"] for request in requests] == [
        f"importer.match-{session}-job{outcome.job_id}-batch00000{n}" for n in (1, 2)]
    second = requests[1]
    assert second["output"][1]["score"] != -1.0, "the corpus holds the reference's answer, not the candidate's"


def write_fake_native_package(folder: Path) -> None:
    """importer/_native.py in a folder of its own: importer's __path__ extends to it, as to a CMake build."""
    (folder / "importer").mkdir(parents=True)
    (folder / "importer" / "_native.py").write_text(
        "from importer.matching import Matcher as _Python\n\n\n"
        "class Matcher(_Python):\n"
        "    @classmethod\n"
        "    def from_chunks(cls, chunks, config=None):\n"
        "        return cls([customer for chunk in chunks for customer in chunk], config)\n\n"
        "    def match(self, rows):\n"
        "        return [{**result, 'candidates': result['candidates'] + 1} for result in super().match(rows)]\n",
        encoding="utf-8")


def test_cli_backend_shadow_with_metrics(tmp_path: Path, customer_db: Path, diff_engine: None) -> None:
    write_fake_native_package(tmp_path / "fake")
    path = tmp_path / "import.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    # The fake native module first; then where parity._diff is built (PYTHONPATH=<build>/python).
    python_path = [str(PYTHON_DIR), str(tmp_path / "fake"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(python_path), "IMPORTER_MATCH_BACKEND": "shadow"}

    done = subprocess.run([PYTHON, "-m", "importer", "import", str(path), "--db", str(customer_db),
                           "--batch-size", "2", "--metrics", str(tmp_path / "m.prom")],
                          cwd=PYTHON_DIR, env=env, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[2] == ("backend shadow: 2 matcher calls answered by python; "
                                           "shadow: 2 compared, 2 mismatched, 0 skipped")
    mismatch_logs = [line for line in done.stderr.splitlines() if 'msg="shadow mismatch"' in line]
    assert len(mismatch_logs) == 2 and " pointer=/0/candidates kind=value " in mismatch_logs[0]
    assert " request_id=job1-batch000001 " in mismatch_logs[0]
    assert 'parity_shadow_mismatches_total{kind="value",switch="importer.match"} 2.0' in (
        tmp_path / "m.prom").read_text(encoding="utf-8")


def test_cli_rejects_an_unknown_backend(tmp_path: Path, customer_db: Path, run_cli: Any) -> None:
    done = run_cli("import", tmp_path / "x.csv", "--db", customer_db, "--backend", "percent:200")

    assert done.returncode == 2
    message = "argument --backend: backend mode 'percent:200': N in percent:N must be a number from 0 to 100"
    assert message in done.stderr


def test_with_the_real_native_module(tmp_path: Path, customer_db: Path, diff_engine: None) -> None:
    native_or_skip()  # skipped when not built; a failure under ctest, where it must be

    outcome = import_file(tmp_path, customer_db, "shadow")

    assert outcome.status == "succeeded", outcome.error_message
    assert outcome.summary_lines()[2] == ("backend shadow: 2 matcher calls answered by python; "
                                          "shadow: 2 compared, 0 mismatched, 0 skipped")


def test_metrics_file_of_a_job_that_failed_before_matching(tmp_path: Path, customer_db: Path,
                                                           no_native_module: None) -> None:
    metrics = tmp_path / "metrics.prom"
    metrics.write_text("stale\n", encoding="utf-8")

    outcome = import_file(tmp_path, customer_db, "native", metrics_file=metrics)

    text = metrics.read_text(encoding="utf-8")
    assert outcome.status == "failed"
    assert "# TYPE parity_calls_total counter" in text and "stale" not in text and "parity_calls_total{" not in text


def test_the_kill_switch_overrides_the_backend(tmp_path: Path, customer_db: Path, native_module: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    module = native_module()
    monkeypatch.setenv("PARITY_KILL_SWITCH", "importer.match")

    outcome = import_file(tmp_path, customer_db, "native")

    assert module.Matcher.calls == 0  # type: ignore[attr-defined]
    assert outcome.summary_lines()[2] == ("backend native: 2 matcher calls answered by python "
                                          "(2 fallbacks to python; kill switch on)")


def test_cli_shadow_mismatch_logs_the_id_of_its_corpus_line(tmp_path: Path, customer_db: Path,
                                                             diff_engine: None) -> None:
    from parity.corpus import open_corpus

    write_fake_native_package(tmp_path / "fake")
    path = tmp_path / "import.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    python_path = [str(PYTHON_DIR), str(tmp_path / "fake"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(python_path), "IMPORTER_MATCH_BACKEND": "shadow"}

    done = subprocess.run([PYTHON, "-m", "importer", "import", str(path), "--db", str(customer_db),
                           "--batch-size", "2", "--record", str(tmp_path / "corpus")],
                          cwd=PYTHON_DIR, env=env, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 0, done.stderr
    logged = [re.search(r" request_id=(\S+) ", line) for line in done.stderr.splitlines()
              if 'msg="shadow mismatch"' in line]
    recorded = [request["id"] for request in open_corpus(tmp_path / "corpus").requests()]
    assert [match.group(1) for match in logged if match] == recorded  # replayable with --id
    assert len(recorded) == 2 and recorded[0].startswith("importer.match-")
