"""One import job: check and stream a CSV file, match its rows against the customer base, store the results.

The guarantee: every record of the file ends in exactly one of ``matches`` and ``row_errors`` (the primary
keys forbid twice, the final check forbids never). A batch's results, its row errors and the job's counters
are stored in one transaction, so the stored counters always satisfy ``rows_read == results + row_errors``.

Decisions: an empty file (no header at all, 0 bytes or only blank lines) succeeds with 0 rows and a warning,
like a header-only file, since there is nothing in it to reject (``customers load`` treats it the same);
the row errors of a batch whose ``match`` raised are found by matching its rows one at a time.

    outcome = run_import(ImportOptions(file=Path("import.csv"), db=Path("importer.db")))
    print(*outcome.summary_lines(), sep="\\n")
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, NamedTuple, TextIO, TypeVar

from importer import db, jobs
from importer.adapters import MatcherLike
from importer.csv_source import CsvSource, SourceError, check_encoding
from importer.match_backend import BackendError, BackendOptions, MatchBackend, write_empty_metrics
from importer.customers import read_customers
from importer.recording import RECORD_SALT_ENV, MatchRecorder, RecordingError, RecordOptions, check_recording
from importer.jobs import FAILED, SUCCEEDED, JobCounters
from importer.matching import MATCHED, NEW, POSSIBLE, Matcher
from importer.progress import Progress
from importer.schema import DEFAULT_BATCH_SIZE, EXTERNAL_REF, REQUIRED_IMPORT_COLUMNS
from importer.stages import LOAD, MATCH, PARSE, STORE, VALIDATE, StageTimes
from importer.validation import MATCH_ERROR, RowError, check_header, validate_import_row

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Row errors kept in memory for the summary (all are stored).
SUMMARY_ERRORS: Final = 5


#: ``import``'s exit code for a usage error found after parsing (an unusable ``--record``), as argparse's.
USAGE_EXIT = 2


class LostRowsError(Exception):
    """The final check found records in neither table (or counted twice): a bug, never a user error."""


@dataclass
class ImportOptions:
    file: Path
    db: Path
    batch_size: int = DEFAULT_BATCH_SIZE
    encoding: str = "auto"
    record: RecordOptions | None = None
    quiet: bool = False
    progress_stream: TextIO = field(default_factory=lambda: sys.stderr)
    busy_timeout_ms: int = db.DEFAULT_BUSY_TIMEOUT_MS
    retry: db.RetryPolicy = field(default_factory=db.RetryPolicy)
    #: Builds the matcher from the customer list; tests inject failing matchers here.
    matcher_factory: Callable[[list[dict[str, Any]]], MatcherLike] = Matcher
    #: ``--backend``/``--metrics``: which matcher answers (python, native, shadow, percent:N); see match_backend.py.
    backend: BackendOptions = field(default_factory=BackendOptions)


@dataclass
class ImportOutcome:
    job_id: int | None
    status: str
    counters: JobCounters
    error_message: str | None
    wall_seconds: float
    times: StageTimes
    first_errors: list[RowError]
    #: Which backend answered the matcher calls (None when the python matcher was called directly).
    backend_line: str | None = None

    def summary_lines(self) -> list[str]:
        """The job's one-line account plus the timing line (just the error for a failed job)."""
        if self.status != SUCCEEDED:
            job = "import" if self.job_id is None else f"job {self.job_id}"  # no job row: the database failed
            return [f"{job} failed: {self.error_message}"]
        lines = [f"job {self.job_id} succeeded: {self.counters.describe()}",
                 self.times.timing_line(self.wall_seconds, self.counters.rows_read)]
        return lines + ([self.backend_line] if self.backend_line else [])


class _ValidRow(NamedTuple):
    row_number: int
    line_number: int
    values: dict[str, str]


def run_import(options: ImportOptions) -> ImportOutcome:
    """Run one job to the end; failures are reported in the outcome (and the job row), not raised."""
    return _ImportJob(options).run()


class _ImportJob:
    def __init__(self, options: ImportOptions) -> None:
        self.options = options
        self.started = time.perf_counter()
        self.times = StageTimes()
        self.counters = JobCounters()
        self.first_errors: list[RowError] = []
        self.job_id: int | None = None
        self.batch = 0
        self.conn: sqlite3.Connection | None = None
        self.matcher: MatcherLike | None = None
        self.recorder: MatchRecorder | None = None
        self.backend: MatchBackend | None = None
        self.progress: Progress | None = None

    def run(self) -> ImportOutcome:
        try:
            size = os.stat(self.options.file).st_size
            self.conn = db.connect(self.options.db, busy_timeout_ms=self.options.busy_timeout_ms)
            db.ensure_schema(self.conn, self.options.retry)
            self.job_id = self._transaction(
                lambda c: jobs.create_job(c, file_name=self.options.file.name, file_size=size,
                                          batch_size=self.options.batch_size),
                "creating the job",
            )
        except (OSError, sqlite3.Error, db.DatabaseBusyError) as exc:
            self._close()
            return self._outcome(FAILED, _describe(exc, self.options))
        log.info("job started", extra={"job_id": self.job_id, "file": self.options.file.name, "bytes": size})
        try:
            self._transaction(lambda c: jobs.start_job(c, self._job_id), "starting the job")
            self._process(size)
            status, message = SUCCEEDED, None
        except (OSError, SourceError, sqlite3.Error, db.DatabaseBusyError, RecordingError, BackendError,
                LostRowsError) as exc:
            status, message = FAILED, _describe(exc, self.options)
        except Exception as exc:  # a bug: still end the job as failed rather than leave it "running"
            log.exception("job failed unexpectedly", extra={"job_id": self.job_id})
            status, message = FAILED, f"internal error: {type(exc).__name__}: {exc}"
        except KeyboardInterrupt:
            self._finish(FAILED, "interrupted")
            raise
        self._finish(status, message)
        return self._outcome(status, message)

    @property
    def _job_id(self) -> int:
        assert self.job_id is not None
        return self.job_id

    def _process(self, size: int) -> None:
        with self.times.stage(PARSE):
            check_encoding(self.options.file, self.options.encoding)
        with CsvSource(self.options.file, self.options.encoding) as source:
            if source.header is None:
                log.warning("file is empty: nothing to import", extra={"job_id": self.job_id, "file": source.name})
                self.counters.blank_lines = source.blank_lines
                return
            columns = check_header(source.header, required=REQUIRED_IMPORT_COLUMNS, optional=(EXTERNAL_REF,),
                                   file_name=source.name)
            with self.times.stage(LOAD):
                customers = self._transaction(read_customers, "loading customers")
                self.matcher = self.options.matcher_factory(customers)
            log.info("customers loaded", extra={"job_id": self.job_id, "rows": len(customers)})
            if self.options.record is not None:
                self.recorder = MatchRecorder.open(self.options.record, customers, self.matcher.config,
                                                   job_id=self._job_id, file_name=source.name)
            with self.times.stage(LOAD):
                self.backend = MatchBackend.open(self.options.backend, self.matcher, customers, self.recorder,
                                                 job_id=self._job_id)
            self.progress = Progress.for_stream(self.options.progress_stream, job_id=self._job_id,
                                                total_bytes=size, quiet=self.options.quiet)
            rows: list[_ValidRow] = []
            errors: list[RowError] = []
            records = source.records()
            while True:
                with self.times.stage(PARSE):
                    record = next(records, None)
                if record is None:
                    break
                with self.times.stage(VALIDATE):
                    checked = validate_import_row(record, columns)
                if isinstance(checked, RowError):
                    errors.append(checked)
                else:
                    rows.append(_ValidRow(record.row_number, record.line_number, checked))
                if len(rows) >= self.options.batch_size or len(errors) >= self.options.batch_size:
                    self._flush(rows, errors, source.bytes_read, source.blank_lines)
                    rows, errors = [], []
            if rows or errors:
                self._flush(rows, errors, source.bytes_read, source.blank_lines)
            self.counters.blank_lines = source.blank_lines
        self._verify()

    def _flush(self, rows: list[_ValidRow], errors: list[RowError], bytes_read: int, blank_lines: int) -> None:
        """Match one batch and store it with its row errors and the new counters, in one transaction."""
        self.batch += 1
        batch_started = time.perf_counter()
        with self.times.stage(MATCH):
            results, failed = self._match(rows)
        errors = sorted(errors + failed, key=lambda error: error.row_number)
        counters = _advance(self.counters, results, errors, blank_lines)
        assert self.progress is not None
        fraction = self.progress.fraction(bytes_read)
        with self.times.stage(STORE):
            self._transaction(lambda c: self._store(c, results, errors, counters, fraction),
                              f"storing batch {self.batch}")
        self.counters = counters
        self.first_errors.extend(errors[: SUMMARY_ERRORS - len(self.first_errors)])
        duration_ms = round((time.perf_counter() - batch_started) * 1000)
        self.progress.update(batch=self.batch, rows=counters.rows_read, bytes_read=bytes_read, duration_ms=duration_ms)

    def _match(self, rows: list[_ValidRow]) -> tuple[list[tuple[_ValidRow, dict[str, Any]]], list[RowError]]:
        """Results for the rows; if the batch call raises, each row alone, so one bad row costs only itself."""
        if not rows:
            return [], []
        request_id = f"job{self.job_id}-batch{self.batch:06d}"
        try:
            results = self._call_matcher([row.values for row in rows], request_id)
            if len(results) != len(rows):
                raise ValueError(f"matcher returned {len(results)} results for {len(rows)} rows")
            return list(zip(rows, results)), []
        except Exception as exc:
            log.warning("matcher failed for a batch, matching its rows one by one",
                        extra={"job_id": self.job_id, "batch": self.batch, "rows": len(rows), "error": str(exc)})
        matched: list[tuple[_ValidRow, dict[str, Any]]] = []
        failed: list[RowError] = []
        for row in rows:
            try:
                (result,) = self._call_matcher([row.values], f"{request_id}-row{row.row_number}")
                matched.append((row, result))
            except Exception as exc:
                message = f"row {row.row_number} (line {row.line_number}): the matcher rejected it: {exc}"
                failed.append(RowError(row.row_number, row.line_number, None, MATCH_ERROR, message, row.values))
        return matched, failed

    def _call_matcher(self, rows: list[dict[str, str]], request_id: str) -> list[dict[str, Any]]:
        assert self.backend is not None
        return self.backend.match(rows, request_id)

    def _store(self, conn: sqlite3.Connection, results: list[tuple[_ValidRow, dict[str, Any]]],
               errors: list[RowError], counters: JobCounters, fraction: float) -> None:
        conn.executemany(
            "INSERT INTO matches (job_id, row_number, line_number, external_ref, status, customer_id, score, "
            "field_scores, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (self.job_id, row.row_number, row.line_number, row.values[EXTERNAL_REF] or None, result["status"],
                 result["customer_id"], result["score"], json.dumps(result["field_scores"]), result["candidates"])
                for row, result in results
            ],
        )
        conn.executemany(
            "INSERT INTO row_errors (job_id, row_number, line_number, field, code, message, raw) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(self.job_id, e.row_number, e.line_number, e.field, e.code, e.message, e.raw_json()) for e in errors],
        )
        jobs.save_progress(conn, self._job_id, counters, fraction)

    def _verify(self) -> None:
        """Every record read is stored exactly once: in the counters and in the tables themselves."""
        results, errors = self._transaction(lambda c: jobs.stored_counts(c, self._job_id), "counting stored rows")
        c = self.counters
        if c.lost or (results, errors) != (c.results, c.row_errors):
            raise LostRowsError(
                f"internal error: {c.rows_read:,} rows read but {results:,} results and {errors:,} row errors "
                f"stored (counted {c.results:,} + {c.row_errors:,})"
            )

    def _finish(self, status: str, message: str | None) -> None:
        """Record the final status; waits longer than a batch would, since a job left 'running' looks alive."""
        self._close_reporters()
        if self.conn is None or self.job_id is None:
            return
        patient = replace(self.options.retry, attempts=max(self.options.retry.attempts, db.DEFAULT_RETRY_ATTEMPTS))
        try:
            db.run_transaction(
                self.conn,
                lambda c: jobs.finish_job(c, self._job_id, status=status, counters=self.counters,
                                          error_message=message),
                operation="recording the job's end", policy=patient, log_extra={"job_id": self.job_id},
            )
        except (sqlite3.Error, db.DatabaseBusyError):
            log.exception("could not record the job's end", extra={"job_id": self.job_id, "status": status})
        finally:
            self._close()
        extra: dict[str, Any] = {"job_id": self.job_id, "rows": self.counters.rows_read,
                                 "duration_ms": round((time.perf_counter() - self.started) * 1000)}
        if message is not None:
            extra["error"] = message
        log.log(logging.INFO if status == SUCCEEDED else logging.ERROR, f"job {status}", extra=extra)

    def _close_reporters(self) -> None:
        if self.progress is not None:
            self.progress.close()
        if self.backend is not None:
            self.backend.close()  # waits for shadow runs, writes --metrics
        elif self.options.backend.metrics_file is not None:
            write_empty_metrics(self.options.backend.metrics_file, self.job_id)
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None

    def _close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _transaction(self, work: Callable[[sqlite3.Connection], T], operation: str) -> T:
        assert self.conn is not None
        return db.run_transaction(self.conn, work, operation=operation, policy=self.options.retry,
                                  log_extra={"job_id": self.job_id} if self.job_id is not None else None)

    def _outcome(self, status: str, message: str | None) -> ImportOutcome:
        return ImportOutcome(self.job_id, status, self.counters, message, time.perf_counter() - self.started,
                             self.times, self.first_errors,
                             self.backend.summary_line() if self.backend is not None else None)


def _advance(before: JobCounters, results: list[tuple[_ValidRow, dict[str, Any]]], errors: list[RowError],
             blank_lines: int) -> JobCounters:
    """The counters after one more batch (a new object: the old ones stay until the batch is stored)."""
    statuses = [result["status"] for _, result in results]
    return replace(
        before,
        rows_read=before.rows_read + len(results) + len(errors),
        results=before.results + len(results),
        matched=before.matched + statuses.count(MATCHED),
        possible=before.possible + statuses.count(POSSIBLE),
        new=before.new + statuses.count(NEW),
        row_errors=before.row_errors + len(errors),
        blank_lines=blank_lines,
    )


def _describe(exc: BaseException, options: ImportOptions) -> str:
    """A one-line message for an expected failure, naming the file or database involved."""
    if isinstance(exc, (sqlite3.Error, db.DatabaseBusyError)):
        return f"database {options.db}: {exc}"
    if isinstance(exc, OSError):
        return f"cannot read {exc.filename or options.file}: {exc.strerror or exc}"
    return str(exc)


def run_import_command(args: argparse.Namespace) -> int:
    """``import``: run the job, print its summary on stdout; exit 1 if it failed (row errors do not count),
    2 if ``--record`` cannot record (checked before the job starts)."""
    record = None
    if args.record is not None:
        record = RecordOptions(args.record, sample_rate=args.record_sample_rate, redact=tuple(args.record_redact),
                               salt=os.environ.get(RECORD_SALT_ENV, ""))
        try:
            check_recording(record)
        except RecordingError as exc:
            print(f"importer: error: {exc}", file=sys.stderr)
            return USAGE_EXIT
    options = ImportOptions(
        file=args.file, db=args.db, batch_size=args.batch_size, encoding=args.encoding, record=record,
        quiet=args.quiet, busy_timeout_ms=args.busy_timeout_ms, retry=db.RetryPolicy(attempts=args.retry_attempts),
        backend=BackendOptions(args.backend, args.metrics),
    )
    outcome = run_import(options)
    if outcome.status != SUCCEEDED:
        print(f"importer: error: {outcome.summary_lines()[0]}", file=sys.stderr)
        return 1
    print(*outcome.summary_lines(), sep="\n")
    if outcome.first_errors:
        print(f"first row errors (all of them: python -m importer jobs show {outcome.job_id} --db {args.db}):",
              file=sys.stderr)
        for error in outcome.first_errors:
            print(f"  {error.message}", file=sys.stderr)
    return 0
