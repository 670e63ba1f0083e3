"""Ingest of an uploaded corpus file as a background job whose progress can be polled.

``POST /api/ingest`` saves the upload to a temporary file and queues an :class:`IngestJob`;
one background thread runs the jobs one after another (SQLite has one writer), each being
the CLI's ``slant ingest`` then ``slant annotate`` on that file, in one library call
(:func:`slant.load.ingest_and_annotate`), whose progress callbacks update the job.
``GET /api/ingest/{id}`` reads the counts.
Jobs live in memory only: a restarted server forgets them (the documents stay stored).
"""

from __future__ import annotations

import tempfile
import threading
import uuid
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, SlantError
from ..ingest import ColumnMap, format_of
from ..load import IngestReport, ingest_and_annotate
from ..store import Corpus

__all__ = [
    "INGEST_FORMATS",
    "IngestJob",
    "IngestJobs",
    "column_map",
    "ingest_format",
]

#: The reader formats of the uploads a corpus ingest accepts.
INGEST_FORMATS = ("csv", "jsonl", "feed")
_KEPT_FAILURES = 20
_KEPT_JOBS = 50


@dataclass
class IngestJob:
    """The state of one ingest; the counts only grow while it runs."""

    id: str
    filename: str
    state: str = "queued"
    read: int = 0
    added: int = 0
    present: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    to_annotate: int = 0
    annotated: int = 0
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def ingest_format(filename: str) -> str:
    """The reader format of an upload by its suffix; InputError for anything else."""
    try:
        found: str | None = format_of(filename)
    except InputError:
        found = None
    if found not in INGEST_FORMATS:
        raise InputError(f"{filename}: give a .csv, .jsonl or feed (.xml, .rss, .atom) file")
    return found


class IngestJobs:
    """The jobs of one app: queued to a single background thread, kept in memory."""

    def __init__(self, corpus_path: Path, *, analyzers: Iterable[str] | None = None) -> None:
        self.corpus_path = corpus_path
        self.analyzers = list(analyzers) if analyzers is not None else None
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slant-ingest")

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def submit(
        self,
        filename: str,
        data: bytes,
        *,
        source: str | None = None,
        columns: ColumnMap | None = None,
    ) -> IngestJob:
        """Queue the ingest of an uploaded file and return its job.

        Columns that ``columns`` leaves out are found by name, as ``slant ingest`` does
        (:class:`~slant.ingest.ColumnMap`).
        """
        format = ingest_format(filename)
        if not data.strip():
            raise InputError(f"{filename}: file is empty")
        columns = columns or ColumnMap()
        suffix = Path(filename).suffix.lower()
        with tempfile.NamedTemporaryFile(prefix="slant-upload-", suffix=suffix, delete=False) as f:
            f.write(data)
        job = IngestJob(id=uuid.uuid4().hex[:12], filename=filename)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > _KEPT_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
        self._executor.submit(self._run, job, Path(f.name), format, source, columns)
        return job

    def _run(
        self, job: IngestJob, path: Path, format: str, source: str | None, columns: ColumnMap
    ) -> None:
        try:
            with Corpus(self.corpus_path) as corpus:
                job.state = "reading"

                def stored(count: int) -> None:
                    job.read += count

                def ingested(report: IngestReport) -> None:
                    job.added, job.present = report.added, report.present
                    job.failed = len(report.failed)
                    job.failures = [
                        f.message
                        if f.input == str(path)
                        else str(f).replace(str(path), job.filename)
                        for f in report.failed[:_KEPT_FAILURES]
                    ]
                    job.state = "annotating"

                def started(total: int) -> None:
                    job.to_annotate = total

                def annotated(count: int) -> None:
                    job.annotated += count

                ingest_and_annotate(
                    corpus,
                    [path],
                    format=format,
                    columns=columns,
                    source=source,
                    analyzers=self.analyzers,
                    stored=stored,
                    ingested=ingested,
                    on_start=started,
                    progress=annotated,
                )
            job.state = "done"
        except SlantError as exc:
            job.error, job.state = str(exc), "failed"
        except Exception as exc:  # the job reports it; the server goes on
            job.error, job.state = f"internal error: {type(exc).__name__}", "failed"
        finally:
            path.unlink(missing_ok=True)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def column_map(
    text: str | None,
    title: str | None,
    source: str | None,
    date: str | None,
    id: str | None,
    url: str | None,
) -> ColumnMap:
    """The ColumnMap of the ingest form's fields (blank fields are found by name)."""
    fields = {"text": text, "title": title, "source": source, "date": date, "id": id, "url": url}
    return ColumnMap(**{key: v.strip() for key, v in fields.items() if v and v.strip()})
