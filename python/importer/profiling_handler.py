"""The import worker's whole per-batch work as a handler adapter, for ``parity.profiling corpus``.

A recorded matcher call (corpora/README.md) carries one batch's rows. ``run`` does with them what the worker
does with a batch of a file: validate every row, match the batch with the backend named by
``$IMPORTER_MATCH_BACKEND`` (python, native, shadow, percent:N; default python) and store results, row errors
and counters in one transaction of a temporary SQLite database, with the worker's stages marked
(validate, match, store). It runs the worker's own batch code (``_ImportJob._flush``), not a copy, so the
profile is of the code that runs in production. Reading the CSV is not part of it (the rows come parsed).

    python3 -m parity.profiling corpus corpora/imports-sample --handler importer.profiling_handler:handler --out p
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importer import db, jobs
from importer.adapters import CUSTOMERS_FIXTURE_KIND
from importer.csv_source import Record
from importer.customer_snapshot import CustomerSnapshot
from importer.lazy_reference import LazyReference
from importer.match_backend import BACKEND_ENV, DEFAULT_BACKEND, BackendOptions, MatchBackend
from importer.matching import Matcher, MatchConfig
from importer.progress import Progress
from importer.schema import EXTERNAL_REF, IMPORT_FIELDS, REQUIRED_IMPORT_COLUMNS
from importer.stages import VALIDATE
from importer.validation import Columns, RowError, check_header, validate_import_row
from importer.worker import ImportOptions, _ImportJob, _ValidRow


@dataclass
class _Job:
    """One job per (customers fixture, config), as the worker has one job per file and customer base."""

    job: _ImportJob
    rows_seen: int = 0


@dataclass
class _Context:
    fixtures: Mapping[str, Any]
    folder: Path
    backend: str
    columns: Columns
    jobs: dict[tuple[str, str], _Job] = field(default_factory=dict)

    def job_for(self, fixture_id: str, config: Mapping[str, Any] | None) -> _Job:
        canonical = MatchConfig.from_dict(config).to_dict()
        key = (fixture_id, json.dumps(canonical, sort_keys=True))
        if key not in self.jobs:
            self.jobs[key] = self._open_job(fixture_id, canonical, len(self.jobs) + 1)
        return self.jobs[key]

    def _open_job(self, fixture_id: str, config: dict[str, Any], number: int) -> _Job:
        content = self.fixtures.get(fixture_id)
        if not isinstance(content, Mapping) or content.get("kind") != CUSTOMERS_FIXTURE_KIND:
            raise KeyError(f"unknown customers fixture {fixture_id!r}")
        customers = list(content["customers"])
        options = ImportOptions(file=Path(f"{fixture_id}.csv"), db=self.folder / f"job{number}.sqlite",
                                quiet=True, backend=BackendOptions(self.backend))
        job = _ImportJob(options)
        job.conn = db.connect(options.db)
        db.ensure_schema(job.conn, options.retry)
        no_file = jobs.JobFile(options.file.name, str(options.file), size=0, sha256=None, encoding=options.encoding)
        job.job_id = job._transaction(lambda c: jobs.create_job(c, file=no_file, batch_size=options.batch_size,
                                                                owner=job.owner), "creating the job")
        job._transaction(lambda c: jobs.start_job(c, job._job_id, job.owner), "starting the job")
        snapshot = CustomerSnapshot.of(customers)
        job.matcher = LazyReference(lambda listed: Matcher(listed, config), snapshot, MatchConfig.from_dict(config))
        job.backend = MatchBackend.open(options.backend, job.matcher, snapshot, None, job_id=job._job_id)
        job.progress = Progress.for_stream(sys.stderr, job_id=job._job_id, total_bytes=0, quiet=True)
        return _Job(job)


class ImportBatchHandler:
    """``setup(fixtures)`` opens a job per customer snapshot; ``run(context, input)`` imports one batch;
    ``teardown(context)`` (optional in the protocol, called by the profiler) cleans up."""

    def setup(self, fixtures: Mapping[str, Any]) -> _Context:
        backend = os.environ.get(BACKEND_ENV, DEFAULT_BACKEND)
        columns = check_header(list(IMPORT_FIELDS), required=REQUIRED_IMPORT_COLUMNS, optional=(EXTERNAL_REF,),
                               file_name="recorded batch")
        context = _Context(fixtures, Path(tempfile.mkdtemp(prefix="importer-profile-")), backend, columns)
        weakref.finalize(context, shutil.rmtree, context.folder, ignore_errors=True)  # if teardown is not called
        for fixture_id, content in fixtures.items():  # matchers are built here, as before a job's first batch
            if isinstance(content, Mapping) and content.get("kind") == CUSTOMERS_FIXTURE_KIND:
                context.job_for(fixture_id, None)
        return context

    def run(self, context: _Context, request: Mapping[str, Any]) -> dict[str, int]:
        state = context.job_for(request["customers"], request.get("config"))
        valid: list[_ValidRow] = []
        errors: list[RowError] = []
        with state.job.times.stage(VALIDATE):
            for row in request["rows"]:
                state.rows_seen += 1
                record = Record(state.rows_seen, state.rows_seen + 1, [str(row.get(name) or "") for name in IMPORT_FIELDS])
                checked = validate_import_row(record, context.columns)
                if isinstance(checked, RowError):
                    errors.append(checked)
                else:
                    valid.append(_ValidRow(record.row_number, record.line_number, checked))
        state.job._flush(valid, errors, bytes_read=0, blank_lines=0)  # match and store, stages marked there
        return {"results": len(valid), "row_errors": len(errors)}


    def teardown(self, context: _Context) -> None:
        """Closes the jobs' backends and databases and removes the temporary folder."""
        for state in context.jobs.values():
            state.job._close_reporters()
            state.job._close()
        shutil.rmtree(context.folder, ignore_errors=True)


#: The handler ``parity.profiling corpus --handler importer.profiling_handler:handler`` names.
handler = ImportBatchHandler()
