"""``import FILE --resume JOB_ID``: which jobs may be continued, and the check that the file is the same.

A job records its file's size and SHA-256 when it is created. A resume continues an ``interrupted`` or
``failed`` job (a stale one is recovered to ``interrupted`` first) after the rows its committed batches
stored: the file is read again from the start and its first ``rows_read`` records are skipped unchecked, so
row and line numbers are those of a full run. It is refused (``ResumeRefused``, exit 2) for a job that
succeeded, one still running, one recorded before fingerprints existed, or a file whose size or content
differs, or for an ``--encoding`` or ``--batch-size`` other than the job's: a resumed job reads the file
with the encoding and batch size it was created with.

    fingerprint(Path("import.csv"))     # FileFingerprint(size=1048576, sha256="9f86d0…")
    check_resumable(job_row, fingerprint(path), stale=None)    # raises ResumeRefused
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from importer.jobs import ACTIVE, RESUMABLE, SUCCEEDED

_CHUNK: Final = 1 << 20


class ResumeRefused(Exception):
    """The job cannot be resumed (its status, or a different file): a usage error, exit 2."""


@dataclass(frozen=True)
class FileFingerprint:
    size: int
    sha256: str


def fingerprint(path: Path) -> FileFingerprint:
    """Size and SHA-256 of the file's content, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileFingerprint(size, digest.hexdigest())


def check_resumable(job: dict[str, Any] | None, job_id: int, file: FileFingerprint, *, db_path: str,
                    stale: str | None, given: dict[str, Any] | None = None) -> None:
    """ResumeRefused unless ``job`` (its row, None if missing) may continue with a file of this fingerprint.

    ``stale`` is why an active job is stale (None: it looks alive); the caller recovers stale jobs first.
    ``given`` holds the reading options the user set (``batch_size``, ``encoding``): each must equal the job's.
    """
    if job is None:
        raise ResumeRefused(f"no job {job_id} in {db_path}")
    status = job["status"]
    if status == SUCCEEDED:
        raise ResumeRefused(f"job {job_id} already succeeded ({job['rows_read']:,} rows read): nothing to resume")
    if status in ACTIVE:
        owner = f"pid {job['owner_pid']} on host {job['owner_host']}" if job["owner_pid"] is not None else "unknown"
        raise ResumeRefused(f"job {job_id} is {status} (owner {owner}, last heartbeat {job['heartbeat_at']}) and "
                            f"looks alive: it cannot be resumed while it runs"
                            + ("" if stale is None else f" ({stale})"))
    if status not in RESUMABLE:
        raise ResumeRefused(f"job {job_id} is {status}: only an interrupted or failed job can be resumed")
    if job["file_sha256"] is None:
        raise ResumeRefused(f"job {job_id} was created before file fingerprints were recorded: its file cannot be "
                            f"checked, so it cannot be resumed; import the file as a new job")
    if (file.size, file.sha256) != (job["file_size"], job["file_sha256"]):
        raise ResumeRefused(
            f"the file is not the one job {job_id} imported: it has {file.size:,} bytes, SHA-256 {file.sha256}; "
            f"job {job_id} recorded {job['file_size']:,} bytes, SHA-256 {job['file_sha256']}"
        )
    for name, value in (given or {}).items():
        if value != job[name]:
            option = f"--{name.replace('_', '-')}"
            raise ResumeRefused(f"job {job_id} reads its file with {option} {job[name]}, not {value}: leave "
                                f"{option} out to resume it as it was started")
