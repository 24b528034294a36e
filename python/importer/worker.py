"""One import job: check and stream a CSV file, match its rows against the customer base, store the results.

The guarantee: every record of the file ends in exactly one of ``matches`` and ``row_errors`` (the primary
keys forbid twice, the final check forbids never). A batch's results, its row errors and the job's counters
are stored in one transaction, so the stored counters always satisfy ``rows_read == results + row_errors``.

Decisions: an empty file (no header at all, 0 bytes or only blank lines) succeeds with 0 rows and a warning,
like a header-only file, since there is nothing in it to reject (``customers load`` treats it the same);
the row errors of a batch whose ``match`` raised are found by matching its rows one at a time.

A job that dies can be continued (docs/jobs.md): the job records its owner and a heartbeat with each batch
(liveness.py), the next import marks jobs whose process is gone ``interrupted`` before it starts its own, and
``--resume JOB_ID`` continues one after its last committed batch, under the same id (resume.py). SIGINT and
SIGTERM end the job ``interrupted`` (interrupts.py). The write that ends a job retries far longer than a batch
(``db.END_STATUS_WAIT_S``); if it still fails, the outcome says so (``end_recorded``) and the command exits 1.

    outcome = run_import(ImportOptions(file=Path("import.csv"), db=Path("importer.db")))
    print(*outcome.summary_lines(), sep="\\n")
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import dropwhile, islice
from pathlib import Path
from typing import Any, Final, NamedTuple, TextIO, TypeVar

from importer import db, jobs, stored_rows
from importer.adapters import MatcherLike
from importer.csv_source import CsvSource, Record, SourceError, check_encoding
from importer.match_backend import BackendError, BackendOptions, MatchBackend, write_empty_metrics
from importer.customer_snapshot import CustomerSnapshot
from importer.interrupts import Interrupted, stop_signals_raise
from importer.liveness import DEFAULT_STALE_AFTER_S, Owner, utc_datetime
from importer.recording import RECORD_SALT_ENV, MatchRecorder, RecordingError, RecordOptions, check_recording
from importer.jobs import FAILED, INTERRUPTED, SUCCEEDED, JobCounters, JobFile, JobTakenError
from importer.resume import FileFingerprint, ResumeRefused, check_resumable, fingerprint
from importer.lazy_reference import LazyReference
from importer.matching import MATCHED, NEW, POSSIBLE, MatchConfig, Matcher
from importer.progress import Progress
from importer.schema import DEFAULT_BATCH_SIZE, EXTERNAL_REF, REQUIRED_IMPORT_COLUMNS
from importer.stages import LOAD, MATCH, PARSE, STORE, VALIDATE, StageTimes
from importer.validation import MATCH_ERROR, Columns, RowError, check_header, validate_import_row

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Row errors kept in memory for the summary (all are stored).
SUMMARY_ERRORS: Final = 5


#: ``import``'s exit code for a usage error found after parsing (an unusable ``--record``, a refused
#: ``--resume``), as argparse's.
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
    #: Builds the Python (reference) matcher from the customer list; tests inject failing matchers here.
    matcher_factory: Callable[[list[dict[str, Any]]], MatcherLike] = Matcher
    #: The config both matchers use (the native one is built before the reference, lazy_reference.py).
    match_config: MatchConfig = field(default_factory=MatchConfig)
    #: ``--backend``/``--metrics``: which matcher answers (python, native, shadow, percent:N); see match_backend.py.
    backend: BackendOptions = field(default_factory=BackendOptions)
    #: ``--resume JOB_ID``: continue that interrupted or failed job instead of creating one (resume.py).
    resume: int | None = None
    #: ``--stale-after``: seconds without a heartbeat after which an unfinished job is stale (liveness.py).
    stale_after_s: float = DEFAULT_STALE_AFTER_S
    #: ``--end-status-wait``: seconds the job-end write keeps retrying while the database is locked.
    end_status_wait_s: float = db.END_STATUS_WAIT_S
    #: Which of ``batch_size`` and ``encoding`` the user set: with ``resume`` they must equal the job's own.
    given: frozenset[str] = frozenset()


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
    #: ``--resume`` was refused (the error_message says why; the job is unchanged): a usage error.
    refused: bool = False
    #: False when the job's end could not be written: the job stays ``running`` and will show as stale.
    end_recorded: bool = True
    #: The stop signal that interrupted the job (status ``interrupted``).
    interrupted_by: Interrupted | None = None
    #: Rows stored before this run, for a resumed job (this run read the rest).
    resumed_after: int | None = None

    def summary_lines(self) -> list[str]:
        """The job's one-line account plus the timing line (just the error for a failed job)."""
        if self.refused:
            return [f"cannot resume: {self.error_message}"]
        if self.status == INTERRUPTED:
            return [f"job {self.job_id} {self.error_message}"]
        if self.status != SUCCEEDED:
            job = "import" if self.job_id is None else f"job {self.job_id}"  # no job row: the database failed
            return [f"{job} failed: {self.error_message}"]
        lines = [f"job {self.job_id} succeeded: {self.counters.describe()}"]
        if self.resumed_after is not None:
            lines.append(f"resumed after {self.resumed_after:,} rows stored by earlier runs; "
                         f"{self.counters.rows_read - self.resumed_after:,} read by this one")
        lines.append(self.times.timing_line(self.wall_seconds, self.counters.rows_read - (self.resumed_after or 0)))
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
        self.owner = Owner.current()
        #: Batches committed so far (a resumed job continues their numbering) and records already stored.
        self.batch = 0
        self.batches_committed = 0
        self.skip = 0
        self.encoding = options.encoding
        self.batch_size = options.batch_size
        self.end_recorded = True
        self.conn: sqlite3.Connection | None = None
        self.matcher: LazyReference | None = None
        self.recorder: MatchRecorder | None = None
        self.backend: MatchBackend | None = None
        self.progress: Progress | None = None
        self._encode_json = stored_rows.json_text_encoder()

    def run(self) -> ImportOutcome:
        try:
            file = fingerprint(self.options.file)
            self.conn = db.connect(self.options.db, busy_timeout_ms=self.options.busy_timeout_ms)
            db.ensure_schema(self.conn, self.options.retry)
            self._recover_stale_jobs()
            if self.options.resume is None:
                self._create(file)
            else:
                self._claim(self.options.resume, file)
        except (ResumeRefused, JobTakenError) as exc:
            self._close()
            return replace(self._outcome(FAILED, str(exc)), refused=True)
        except (OSError, sqlite3.Error, db.DatabaseBusyError, LostRowsError) as exc:
            self._close()
            return self._outcome(FAILED, _describe(exc, self.options))
        interrupted: Interrupted | None = None
        try:
            if self.options.resume is None:
                self._transaction(lambda c: jobs.start_job(c, self._job_id, self.owner), "starting the job")
            self._process(file.size)
            status, message = SUCCEEDED, None
        except (OSError, SourceError, sqlite3.Error, db.DatabaseBusyError, RecordingError, BackendError,
                LostRowsError, JobTakenError) as exc:
            status, message = FAILED, _describe(exc, self.options)
        except Exception as exc:  # a bug: still end the job as failed rather than leave it "running"
            log.exception("job failed unexpectedly", extra={"job_id": self.job_id})
            status, message = FAILED, f"internal error: {type(exc).__name__}: {exc}"
        except KeyboardInterrupt:  # SIGINT without the command's handlers (run_import called as a library)
            self._finish(INTERRUPTED, lambda: self._interrupted_message("SIGINT"))
            raise
        except Interrupted as exc:
            interrupted = exc
            status, message = INTERRUPTED, None
        message = self._finish(status, message if interrupted is None
                               else lambda: self._interrupted_message(interrupted.name))
        return replace(self._outcome(status, message), interrupted_by=interrupted)

    def _create(self, file: FileFingerprint) -> None:
        """A new job for the file, owned by this process."""
        job_file = JobFile(self.options.file.name, os.path.abspath(self.options.file), file.size, file.sha256,
                           self.encoding)
        self.job_id = self._transaction(
            lambda c: jobs.create_job(c, file=job_file, batch_size=self.batch_size, owner=self.owner),
            "creating the job",
        )
        log.info("job started", extra={"job_id": self.job_id, "file": self.options.file.name, "bytes": file.size})

    def _claim(self, job_id: int, file: FileFingerprint) -> None:
        """Take over job ``job_id`` to resume it (ResumeRefused if it may not be) and continue its counters."""

        def claim(c: sqlite3.Connection) -> dict[str, Any]:
            job = jobs.load_job(c, job_id)
            stale = jobs.staleness(job, now=utc_datetime(), stale_after_s=self.options.stale_after_s) if job else None
            check_resumable(job, job_id, file, db_path=str(self.options.db), stale=stale,
                            given={name: getattr(self.options, name) for name in self.options.given})
            assert job is not None
            stored = jobs.stored_counts(c, job_id)
            if stored != (job["results"], job["row_errors"]):
                raise LostRowsError(f"internal error: job {job_id} has {stored[0]:,} results and {stored[1]:,} row "
                                    f"errors stored but counts {job['results']:,} + {job['row_errors']:,}: "
                                    f"it cannot be resumed")
            jobs.claim_job(c, job_id, self.owner, status=job["status"])
            return job

        job = self._transaction(claim, f"resuming job {job_id}")
        self.job_id = job_id
        self.counters = JobCounters.of_job(job)
        self.batch = self.batches_committed = job["batches"]
        self.skip = job["rows_read"]
        self.encoding = job["encoding"]
        self.batch_size = job["batch_size"]
        log.info("job resumed", extra={"job_id": job_id, "file": self.options.file.name, "bytes": file.size,
                                       "status": job["status"], "rows": self.skip, "batch": self.batch,
                                       "encoding": self.encoding, "batch_size": self.batch_size,
                                       "resumes": job["resumes"] + 1})

    def _recover_stale_jobs(self) -> None:
        """Mark the database's stale jobs interrupted (logged), as ``jobs recover`` would."""
        recovered = self._transaction(
            lambda c: jobs.recover_stale_jobs(c, db_path=str(self.options.db), now=utc_datetime(),
                                              stale_after_s=self.options.stale_after_s, by="import"),
            "recovering stale jobs",
        )
        for job in recovered:
            log.warning("stale job marked interrupted", extra={"job_id": job.job_id, "error": job.reason})

    def _interrupted_message(self, signal_name: str) -> str:
        batches = self.batches_committed
        return (f"interrupted by {signal_name} after {self.counters.rows_read:,} rows committed in {batches:,} "
                f"batch{'' if batches == 1 else 'es'}; "
                f"{jobs.resume_hint(str(self.options.file), str(self.options.db), self._job_id)}")

    @property
    def _job_id(self) -> int:
        assert self.job_id is not None
        return self.job_id

    def _process(self, size: int) -> None:
        with self.times.stage(PARSE):
            check_encoding(self.options.file, self.encoding)
        with CsvSource(self.options.file, self.encoding) as source:
            if source.header is None:
                log.warning("file is empty: nothing to import", extra={"job_id": self.job_id, "file": source.name})
                self.counters.blank_lines = source.blank_lines
                return
            columns = check_header(source.header, required=REQUIRED_IMPORT_COLUMNS, optional=(EXTERNAL_REF,),
                                   file_name=source.name)
            with self.times.stage(LOAD):
                customers = self._transaction(CustomerSnapshot.read, "loading customers")
                self.matcher = LazyReference(self.options.matcher_factory, customers, self.options.match_config,
                                             log_fields={"job_id": self.job_id})
            log.info("customers loaded", extra={"job_id": self.job_id, "rows": len(customers),
                                                "bytes": customers.nbytes})
            if self.options.record is not None:
                with self.times.stage(LOAD):
                    self.matcher.build()  # the recorded calls are the reference's
                self.recorder = MatchRecorder.open(self.options.record, customers.customers(), self.matcher.config,
                                                   job_id=self._job_id, file_name=source.name)
            with self.times.stage(LOAD):
                self.backend = MatchBackend.open(self.options.backend, self.matcher, customers, self.recorder,
                                                 job_id=self._job_id)
            del customers  # the matchers hold what they need (a lazy reference keeps the snapshot until built)
            self._transaction(lambda c: jobs.beat(c, self._job_id, self.owner), "recording the heartbeat")
            self.progress = Progress.for_stream(self.options.progress_stream, job_id=self._job_id,
                                                total_bytes=size, quiet=self.options.quiet)
            for rows, errors in self._batches(source, columns):
                self._flush(rows, errors, source.bytes_read, source.blank_lines)
            self.counters.blank_lines = source.blank_lines
        self._verify()

    def _batches(self, source: CsvSource, columns: Columns) -> Iterator[tuple[list[_ValidRow], list[RowError]]]:
        """The file's records after those stored before a resume, checked, in batches: a batch ends when its
        rows or its row errors reach the batch size, or at the end of the file.

        (Reading in a thread of its own while the native matcher works was tried and is slower here: bench/
        LOG.md, 2026-12-08.)

        Records are read and checked a run at a time, each run timed as one span: a run is as many records
        as the batch still takes at least before it can be full, so a batch ends exactly where it would
        record by record (every record adds one to the rows or to the errors)."""
        records: Iterator[Record] = source.records()
        if self.skip:  # stored by the batches committed before a resume (row numbers only increase)
            skip = self.skip
            records = dropwhile(lambda record: record.row_number <= skip, records)
        batch_size, validate, parse_stage, validate_stage = self.batch_size, validate_import_row, \
            self.times.stage(PARSE), self.times.stage(VALIDATE)
        rows: list[_ValidRow] = []
        errors: list[RowError] = []
        while True:
            wanted = batch_size - max(len(rows), len(errors))
            with parse_stage:
                run = list(islice(records, wanted))
            with validate_stage:
                for record in run:
                    checked = validate(record, columns)
                    if checked.__class__ is RowError:
                        errors.append(checked)  # type: ignore[arg-type]
                    else:
                        rows.append(_ValidRow(record.row_number, record.line_number, checked))  # type: ignore[arg-type]
            if len(rows) >= batch_size or len(errors) >= batch_size:
                yield rows, errors
                rows, errors = [], []
            if len(run) < wanted:  # the end of the file
                break
        if rows or errors:
            yield rows, errors

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
        self.counters, self.batches_committed = counters, self.batch
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
        conn.executemany(stored_rows.INSERT_MATCHES, stored_rows.match_rows(self._job_id, results, self._encode_json))
        conn.executemany(stored_rows.INSERT_ROW_ERRORS, stored_rows.error_rows(self._job_id, errors))
        jobs.save_progress(conn, self._job_id, counters, fraction, batches=self.batch, owner=self.owner)

    def _verify(self) -> None:
        """Every record read is stored exactly once: in the counters and in the tables themselves."""
        results, errors = self._transaction(lambda c: jobs.stored_counts(c, self._job_id), "counting stored rows")
        c = self.counters
        if c.lost or (results, errors) != (c.results, c.row_errors):
            raise LostRowsError(
                f"internal error: {c.rows_read:,} rows read but {results:,} results and {errors:,} row errors "
                f"stored (counted {c.results:,} + {c.row_errors:,})"
            )

    def _finish(self, status: str, message: str | None | Callable[[], str]) -> str | None:
        """Record the final status and return its message, retrying for ``end_status_wait_s`` (far longer than a
        batch): a job left 'running' is only found again once it is stale. ``end_recorded`` is False if even
        that failed.

        A job that did not succeed ends with the counters of its last committed batch, read back in the same
        transaction (a signal may have struck between a batch's commit and this process noting it); a callable
        ``message`` is built after that, so it can quote them."""
        self._close_reporters(drain=status != INTERRUPTED)
        text = message if not callable(message) else None
        if self.conn is None or self.job_id is None:
            return text

        def end(c: sqlite3.Connection) -> bool:
            nonlocal text
            if status != SUCCEEDED:
                job = jobs.load_job(c, self._job_id)
                assert job is not None
                self.counters, self.batches_committed = JobCounters.of_job(job), job["batches"]
            text = message() if callable(message) else message
            return jobs.finish_job(c, self._job_id, status=status, counters=self.counters, owner=self.owner,
                                   error_message=text)

        patient = replace(self.options.retry, attempts=max(self.options.retry.attempts, db.DEFAULT_RETRY_ATTEMPTS),
                          min_wait_s=self.options.end_status_wait_s)
        try:
            recorded = db.run_transaction(self.conn, end, operation="recording the job's end", policy=patient,
                                          log_extra={"job_id": self.job_id})
            if not recorded:
                log.warning("the job was marked stale or resumed by another process meanwhile: its status is "
                            "left as that process wrote it", extra={"job_id": self.job_id, "status": status})
        except (sqlite3.Error, db.DatabaseBusyError):
            self.end_recorded = False
            log.exception("could not record the job's end", extra={"job_id": self.job_id, "status": status})
        finally:
            self._close()
        if text is None and callable(message):
            text = message()  # the database could not be read: the process's own counters
        extra: dict[str, Any] = {"job_id": self.job_id, "rows": self.counters.rows_read,
                                 "duration_ms": round((time.perf_counter() - self.started) * 1000)}
        if text is not None:
            extra["error"] = text
        log.log(logging.INFO if status == SUCCEEDED else logging.ERROR, f"job {status}", extra=extra)
        return text

    def _close_reporters(self, *, drain: bool = True) -> None:
        """Close progress, backend and recorder; an interrupted job (``drain`` False) does not wait for
        queued shadow runs."""
        if self.progress is not None:
            self.progress.close()
        if self.backend is not None:
            self.backend.close(drain=drain)  # waits for shadow runs (if drain), writes --metrics
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
                             self.backend.summary_line() if self.backend is not None else None,
                             end_recorded=self.end_recorded,
                             resumed_after=self.skip if self.options.resume is not None else None)


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
    """``import``: run the job, print its summary on stdout; exit 1 if it failed (row errors do not count) or its
    end could not be recorded, 2 if ``--record`` cannot record or ``--resume`` is refused (both checked before
    the job starts), 130 / 143 if SIGINT / SIGTERM interrupted it (the job is marked ``interrupted``)."""
    record = None
    if args.record is not None:
        record = RecordOptions(args.record, sample_rate=args.record_sample_rate, redact=tuple(args.record_redact),
                               salt=os.environ.get(RECORD_SALT_ENV, ""))
        try:
            check_recording(record)
        except RecordingError as exc:
            print(f"importer: error: {exc}", file=sys.stderr)
            return USAGE_EXIT
    given = {name: value for name, value in (("batch_size", args.batch_size), ("encoding", args.encoding))
             if value is not None}
    options = ImportOptions(
        file=args.file, db=args.db, batch_size=given.get("batch_size", DEFAULT_BATCH_SIZE),
        encoding=given.get("encoding", "auto"), record=record, given=frozenset(given),
        quiet=args.quiet, busy_timeout_ms=args.busy_timeout_ms, retry=db.RetryPolicy(attempts=args.retry_attempts),
        backend=BackendOptions(args.backend, args.metrics), resume=args.resume, stale_after_s=args.stale_after,
        end_status_wait_s=args.end_status_wait,
    )
    try:
        with stop_signals_raise():
            outcome = run_import(options)
    except Interrupted as exc:  # before the job existed, or again while its end was being written
        print(f"importer: error: interrupted by {exc.name}; a job it had started may show as stale: "
              f"`python -m importer jobs list --db {args.db}` shows it, `jobs recover` marks it", file=sys.stderr)
        return exc.exit_code
    if not outcome.end_recorded:
        print(f"importer: error: {outcome.summary_lines()[0]}", file=sys.stderr)
        print(f"importer: error: the end of job {outcome.job_id} ({outcome.status}) could not be recorded: the "
              f"database stayed locked for the whole --end-status-wait; the job stays 'running' in {args.db} and "
              f"will show as stale once this process has exited. `python -m importer jobs recover --db {args.db}` "
              f"marks it interrupted; then "
              f"{jobs.resume_hint(str(args.file), str(args.db), outcome.job_id or 0)}", file=sys.stderr)
        return 1
    if outcome.interrupted_by is not None:
        print(f"importer: error: {outcome.summary_lines()[0]}", file=sys.stderr)
        return outcome.interrupted_by.exit_code
    if outcome.refused:
        print(f"importer: error: {outcome.summary_lines()[0]}", file=sys.stderr)
        return USAGE_EXIT
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
