"""The import job's lifecycle and its transactions.

- ``create_job`` (in the request): size, format, header and row count checked, mapping
  resolved; the job is stored ``pending`` with the file.
- ``run_dry_run`` (background task, own sessions): ``validating`` → ``validated``, progress
  committed after every ``BATCH_SIZE`` rows (at most once a second) in short transactions;
  nothing else is written.
- ``request_commit`` (in the request): ``validated`` → ``writing``, atomically.
- ``run_commit`` (background task): every row in ONE transaction, with the commit's evidence
  record; any failure rolls it all back and the job becomes ``failed``. The file is dropped
  once the job is over.
- ``cancel_job``: a job not yet written becomes ``cancelled`` and its file is dropped.

Interrupted work (a crash, a restart): the commit's transaction holds a lease for as long as
it runs — SQLite's write lock (it begins with BEGIN IMMEDIATE), or on PostgreSQL the job's
row lock (SELECT … FOR UPDATE) — and the database drops it when its process dies. A job
``writing`` whose lease is free was interrupted: nothing was written (its transaction was
rolled back), so it goes back to ``validated``, to be committed again or cancelled. That is
checked when the app starts (``jobs.recover_interrupted_imports``), by the cleanup job, and
whenever the trainee commits or cancels it. A dry-run saves its progress every second or so:
one silent for ``DRY_RUN_LEASE`` was interrupted and fails (the file is sent again).

Each status change made outside the request is a conditional UPDATE (``WHERE status = …``):
a job cancelled during its dry-run stops at the next batch, and two commits cannot both
start.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, false, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.competences.evidence import EvidenceDraft
from app.config import Settings
from app.core.db import refresh_statistics, start_writing
from app.core.errors import AppError, Conflict, FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import (
    DuplicatePolicy,
    ImportFile,
    ImportJob,
    ImportStatus,
    Prospect,
    ProspectKind,
)
from app.prospects.imports import mapping as mapping_
from app.prospects.imports import parsing, staging
from app.prospects.imports.loading import deferred_indexes
from app.prospects.imports.pipeline import Pipeline
from app.prospects.imports.schemas import ImportJobOut, ImportJobSummary, MatchedProspect
from app.prospects.imports.writer import Writer
from app.prospects.repository import ImportJobRepository, ProspectRepository
from app.prospects.revisions import revision_of

log = logging.getLogger("capvente.imports")

SessionFactory = Callable[[], Session]

STATUS_LABELS_FR = {
    ImportStatus.PENDING: "en attente",
    ImportStatus.VALIDATING: "en cours de validation",
    ImportStatus.VALIDATED: "validé",
    ImportStatus.WRITING: "en cours d'écriture",
    ImportStatus.COMMITTED: "importé",
    ImportStatus.FAILED: "en échec",
    ImportStatus.CANCELLED: "annulé",
}
# Once a job is in one of these, its file is no longer needed.
FINAL_STATES = frozenset({ImportStatus.COMMITTED, ImportStatus.FAILED, ImportStatus.CANCELLED})
NOT_WRITTEN = (
    ImportStatus.PENDING,
    ImportStatus.VALIDATING,
    ImportStatus.VALIDATED,
    ImportStatus.FAILED,
)

DRY_RUN_STATES = (ImportStatus.PENDING, ImportStatus.VALIDATING)
# Progress is committed after a batch of rows, but not more than once this often: on SQLite
# an UPDATE of the job rewrites its whole row, the uploaded file included (up to 25 MiB).
PROGRESS_MIN_SECONDS = 1.0


# A dry-run commits its progress at least every few seconds: one silent for this long has
# lost its worker.
DRY_RUN_LEASE = timedelta(minutes=2)
INTERRUPTED_WRITE = (
    "L'écriture a été interrompue (arrêt du serveur) : rien n'a été écrit. Relancez-la ou "
    "annulez l'import."
)
INTERRUPTED_DRY_RUN = (
    "Analyse interrompue (arrêt du serveur) : rien n'a été écrit ; envoyez le fichier de nouveau."
)


class PayloadTooLarge(AppError):
    status, slug, title = 413, "payload-too-large", "Requête trop volumineuse"


class ImportConflict(Conflict):
    """A commit or cancel the job's state does not allow (409)."""


class CommitAborted(Exception):
    """The commit found invalid rows it was not allowed to skip."""


def _rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def _safe_filename(name: str | None, file_format: str) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or f"import.{file_format}")[:255]


# ------------------------------------------------------------------ in the request


@dataclass(frozen=True)
class InspectedUpload:
    """What the upload route learned from the file, before any write."""

    filename: str
    content: bytes
    probe: parsing.Probe
    suggested: dict[str, str | None]
    resolved: dict[str, str | None]
    kind_default: ProspectKind | None


def inspect_upload(
    settings: Settings,
    *,
    filename: str | None,
    content: bytes,
    raw_mapping: str | None,
    kind_default: ProspectKind | None,
) -> InspectedUpload:
    """Size, format, header and row count checked, mapping resolved: the long part of an
    upload (reading a file of 25 MiB takes seconds). It touches no database, so the route
    runs it before it takes SQLite's write lock (``core.db.work_first``): other trainees'
    writes go on meanwhile."""
    if len(content) > settings.import_max_bytes:
        raise PayloadTooLarge(
            f"Fichier trop volumineux : {settings.import_max_bytes} octets au plus."
        )
    log.info("import upload: reading %d bytes", len(content))
    user_mapping = mapping_.parse_user_mapping(raw_mapping)
    probe = parsing.probe(filename or "", content, settings.import_max_rows)
    suggested = mapping_.suggest_mapping(probe.header)
    resolved = mapping_.resolve_mapping(probe.header, user_mapping)
    mapping_.check_required(resolved, has_kind_default=kind_default is not None)
    return InspectedUpload(
        filename=_safe_filename(filename, probe.file_format),
        content=content,
        probe=probe,
        suggested=suggested,
        resolved=resolved,
        kind_default=kind_default,
    )


def create_job(
    session: Session, principal: Principal, upload: InspectedUpload, policy: DuplicatePolicy
) -> ImportJob:
    """Store the job ``pending`` with its file (short: two inserts)."""
    probe, resolved, kind_default = upload.probe, upload.resolved, upload.kind_default
    job = ImportJob(
        owner_id=principal.user_id,
        filename=upload.filename,
        file_format=probe.file_format,
        mapping={column: target for column, target in resolved.items() if target},
        duplicate_policy=policy,
        status=ImportStatus.PENDING,
        total_rows=probe.row_count,
        processed_rows=0,
        valid_rows=0,
        error_rows=0,
        duplicate_rows=0,
        created_count=0,
        updated_count=0,
        skipped_count=0,
        report={
            "phase": "upload",
            "columns": probe.header,
            "file": probe.details,
            "mapping": resolved,
            "suggested_mapping": upload.suggested,
            "unmapped_columns": [c for c, target in resolved.items() if not target],
            "options": {"kind_default": kind_default.value if kind_default else None},
        },
    )
    session.add(job)
    session.flush()
    session.add(ImportFile(job_id=job.id, content=upload.content))
    session.flush()
    return job


def job_out(session: Session, principal: Principal, job: ImportJob) -> ImportJobOut:
    """The job as the API shows it, with the names of the records its duplicates match."""
    out = ImportJobOut.model_validate(job)
    ids = {
        d["matched_prospect_id"]
        for d in (job.report or {}).get("duplicates") or []
        if isinstance(d, dict) and isinstance(d.get("matched_prospect_id"), int)
    }
    if ids:
        stmt = (
            ProspectRepository(session, principal)
            .readable_statement()
            .with_only_columns(Prospect.id, Prospect.name)
            .where(Prospect.id.in_(ids), Prospect.anonymised == false())
            .order_by(Prospect.id)
        )
        out.matched_prospects = [
            MatchedProspect(id=row.id, name=row.name) for row in session.execute(stmt)
        ]
    return out


def file_of(session: Session, job_id: int) -> bytes | None:
    """The job's uploaded bytes, or None once they were dropped."""
    return session.scalar(select(ImportFile.content).where(ImportFile.job_id == job_id))


def drop_file(session: Session, job_id: int) -> None:
    session.execute(delete(ImportFile).where(ImportFile.job_id == job_id))


def request_commit(
    session: Session, principal: Principal, job_id: int, *, skip_invalid_rows: bool
) -> ImportJob:
    job = ImportJobRepository(session, principal).get_writable(job_id)
    recover_interrupted_write(session, job)  # committing an interrupted job again: a retry
    if job.status is not ImportStatus.VALIDATED:
        raise ImportConflict(
            f"Import {job.id} {STATUS_LABELS_FR[job.status]} : seul un import validé "
            "(analyse terminée) peut être écrit.",
            problem_slug="import-not-validated",
            import_status=job.status.value,
        )
    if job.error_rows and not skip_invalid_rows:
        rows = "ligne invalide" if job.error_rows == 1 else "lignes invalides"
        raise ImportConflict(
            f"L'import contient {job.error_rows} {rows} : corrigez le fichier et envoyez-le "
            "de nouveau, ou confirmez que vous voulez n'importer que les lignes valides "
            "(les lignes en erreur seront ignorées).",
            problem_slug="import-has-invalid-rows",
            error_rows=job.error_rows,
        )
    if job.valid_rows == 0:
        raise ImportConflict(
            "Aucune ligne valide à importer.", problem_slug="import-has-no-valid-rows"
        )
    report = dict(job.report)
    report["options"] = {**report.get("options", {}), "skip_invalid_rows": skip_invalid_rows}
    started = session.execute(
        update(ImportJob)
        .where(ImportJob.id == job.id, ImportJob.status == ImportStatus.VALIDATED)
        .values(status=ImportStatus.WRITING, report=report)
        .execution_options(synchronize_session="fetch")
    )
    if _rowcount(started) != 1:
        raise ImportConflict(
            f"Import {job.id} : une écriture est déjà en cours.",
            problem_slug="import-not-validated",
        )
    session.refresh(job)
    return job


def cancel_job(session: Session, principal: Principal, job_id: int) -> None:
    job = ImportJobRepository(session, principal).get_writable(job_id)
    if job.status is ImportStatus.CANCELLED:
        return
    recover_interrupted_write(session, job)
    cancelled = session.execute(
        update(ImportJob)
        .where(ImportJob.id == job.id, ImportJob.status.in_(NOT_WRITTEN))
        .values(status=ImportStatus.CANCELLED, finished_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    if _rowcount(cancelled) == 1:
        drop_file(session, job.id)
    else:
        session.refresh(job)
        raise ImportConflict(
            f"Import {job.id} {STATUS_LABELS_FR[job.status]} : il ne peut plus être annulé.",
            problem_slug="import-not-cancellable",
            import_status=job.status.value,
        )


# ------------------------------------------------------------------ interrupted work


def commit_in_progress(session: Session, job_id: int) -> bool:
    """Whether a commit holds the job's lease now (see the module's docstring).

    SQLite: the caller holds the write lock (a writing request, or ``start_writing``), so
    no commit can be running. PostgreSQL: the job's row lock is tried without waiting."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    try:
        with session.begin_nested():
            session.execute(
                select(ImportJob.id)
                .where(ImportJob.id == job_id)
                .with_for_update(nowait=True)
                .execution_options(populate_existing=True)
            )
    except OperationalError:  # lock not available: the commit is running
        return True
    return False


def recover_interrupted_write(session: Session, job: ImportJob) -> bool:
    """A job ``writing`` whose commit is not running goes back to ``validated`` (nothing was
    written: the commit's transaction was rolled back), with a message saying so."""
    if job.status is not ImportStatus.WRITING:
        return False
    if commit_in_progress(session, job.id):
        raise ImportConflict(
            f"Import {job.id} : l'écriture est en cours ; attendez qu'elle se termine.",
            problem_slug="import-writing",
            import_status=job.status.value,
        )
    recovered = session.execute(
        update(ImportJob)
        .where(ImportJob.id == job.id, ImportJob.status == ImportStatus.WRITING)
        .values(status=ImportStatus.VALIDATED, error=INTERRUPTED_WRITE)
        .execution_options(synchronize_session="fetch")
    )
    session.refresh(job)
    return _rowcount(recovered) == 1


# ------------------------------------------------------------------ background work


def _pipeline(job: ImportJob, settings: Settings, now: datetime) -> Pipeline:
    kind_default = (job.report.get("options") or {}).get("kind_default")
    return Pipeline(
        header=list(job.report.get("columns") or []),
        mapping=dict(job.mapping),
        policy=job.duplicate_policy,
        kind_default=ProspectKind(kind_default) if kind_default else None,
        region=settings.default_phone_region,
        max_rows=settings.import_max_rows,
        now=now,
    )


def _set(
    factory: SessionFactory, job_id: int, when: tuple[ImportStatus, ...], **values: Any
) -> bool:
    """One short transaction: update the job if it is still in one of the ``when`` states."""
    with factory() as session:
        result = session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.status.in_(when))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        done = _rowcount(result) == 1
        if done and values.get("status") in FINAL_STATES:
            drop_file(session, job_id)
        session.commit()
        return done


def _fail(
    factory: SessionFactory, job_id: int, when: tuple[ImportStatus, ...], message: str
) -> None:
    _set(
        factory,
        job_id,
        when,
        status=ImportStatus.FAILED,
        error=message,
        finished_at=utcnow(),
    )


def run_dry_run(
    factory: SessionFactory, principal: Principal, settings: Settings, job_id: int
) -> None:
    """Parse, map, validate and find duplicates; record the report. Writes only the job."""
    try:
        _dry_run(factory, principal, settings, job_id)
    except FieldError as exc:
        _fail(factory, job_id, DRY_RUN_STATES, exc.detail)
    except Exception:
        log.exception("import %s: dry-run failed", job_id)
        _fail(
            factory,
            job_id,
            DRY_RUN_STATES,
            "Erreur inattendue pendant l'analyse du fichier ; elle a été journalisée.",
        )


def _dry_run(
    factory: SessionFactory, principal: Principal, settings: Settings, job_id: int
) -> bool:
    now = utcnow()
    with factory() as session:
        job = ImportJobRepository(session, principal).get_writable(job_id)
        if job.status is not ImportStatus.PENDING:
            return False
    # Claimed in a short write of its own: a transaction that read first could not write
    # on SQLite once another writer has committed meanwhile.
    if not _set(factory, job_id, (ImportStatus.PENDING,), status=ImportStatus.VALIDATING):
        return False  # cancelled meanwhile
    with factory() as session:  # one read snapshot: the revision, then the file it stamps
        job = ImportJobRepository(session, principal).get_writable(job_id)
        content = file_of(session, job_id)
        if content is None:
            return False
        file_format, report = job.file_format, dict(job.report)
        pipeline = _pipeline(job, settings, now)
        revision = revision_of(session, job.owner_id)
        existing = pipeline.preload(session, principal)
    table = parsing.open_table(content, file_format)
    stager = staging.Stager()
    last = time.monotonic()
    for batch in pipeline.batches(table):
        stager.add(batch)
        if time.monotonic() - last < PROGRESS_MIN_SECONDS:
            continue
        progress = {"processed_rows": pipeline.processed}
        if not _set(factory, job_id, (ImportStatus.VALIDATING,), **progress):
            return False  # cancelled meanwhile
        last = time.monotonic()
    report.update(pipeline.report())
    report.update(
        phase="dry_run",
        existing_prospects=existing,
        file_revision=revision,
        validated_at=now.isoformat(),
    )
    with factory() as session:  # the commit reads these instead of validating again
        session.execute(
            update(ImportFile)
            .where(ImportFile.job_id == job_id)
            .values(validated_rows=stager.blob())
            .execution_options(synchronize_session=False)
        )
        session.commit()
    return _set(
        factory,
        job_id,
        (ImportStatus.VALIDATING,),
        status=ImportStatus.VALIDATED,
        total_rows=pipeline.processed,
        processed_rows=pipeline.processed,
        valid_rows=pipeline.valid,
        error_rows=pipeline.error_rows,
        duplicate_rows=pipeline.duplicate_rows,
        report=report,
    )


def run_commit(
    factory: SessionFactory,
    principal: Principal,
    settings: Settings,
    job_id: int,
    *,
    skip_invalid_rows: bool,
    evidence: EvidenceDraft | None = None,
) -> None:
    """Write every row in one transaction, or nothing; the request's ``evidence`` is
    journaled in that transaction when rows were written."""
    now = utcnow()
    session = factory()
    try:
        # The lease (module docstring): SQLite's write lock from the first statement, the
        # job's row lock on PostgreSQL; both held until this transaction ends.
        start_writing(session)
        session.execute(select(ImportJob.id).where(ImportJob.id == job_id).with_for_update()).all()
        job = ImportJobRepository(session, principal).get_writable(job_id)
        content = file_of(session, job_id)
        if job.status is not ImportStatus.WRITING or content is None:
            return
        pipeline = _pipeline(job, settings, now)
        writer = Writer(
            session, settings, owner_id=job.owner_id, job_id=job.id, filename=job.filename,
            now=now,
        )  # fmt: skip
        staged = session.scalar(
            select(ImportFile.validated_rows).where(ImportFile.job_id == job_id)
        )
        unmoved = job.report.get("file_revision") == revision_of(session, job.owner_id)
        if staged is not None and unmoved:  # the dry-run's decisions still hold
            batches = pipeline.replay(job.report, staging.staged_rows(staged))
        elif staged is not None:  # the file moved: decide duplicates again
            pipeline.preload(session, principal)
            pipeline.resume(job.report)
            batches = pipeline.replan(staging.staged_rows(staged))
        else:  # a job validated before rows were staged: validate the file again
            pipeline.preload(session, principal)
            batches = pipeline.batches(parsing.open_table(content, job.file_format))
        announced = int((job.report.get("planned") or {}).get("create") or 0)
        with deferred_indexes(session, announced):
            for batch in batches:
                if pipeline.error_rows and not skip_invalid_rows:
                    raise CommitAborted(pipeline.error_rows)
                writer.write(batch)
        if pipeline.error_rows and not skip_invalid_rows:
            raise CommitAborted(pipeline.error_rows)
        report = dict(job.report)
        report.update(pipeline.report())
        report.update(
            phase="commit",
            committed_at=utcnow().isoformat(),
            result={
                "created": writer.created,
                "updated": writer.updated,
                "skipped_duplicates": writer.skipped,
                "skipped_invalid": pipeline.error_rows,
                "contacts_created": writer.contacts,
                "consents_recorded": writer.consents,
            },
        )
        job.report = report
        job.status = ImportStatus.COMMITTED
        job.total_rows = job.processed_rows = pipeline.processed
        job.valid_rows = pipeline.valid
        job.error_rows = pipeline.error_rows
        job.duplicate_rows = pipeline.duplicate_rows
        job.created_count = writer.created
        job.updated_count = writer.updated
        job.skipped_count = writer.skipped + pipeline.error_rows
        job.error = None
        drop_file(session, job_id)
        job.finished_at = utcnow()
        if evidence is not None and writer.created + writer.updated > 0:
            evidence.record(session, "import_jobs", job.id)
        session.commit()
    except Exception as exc:
        session.rollback()
        _fail(factory, job_id, (ImportStatus.WRITING,), _commit_failure(job_id, exc))
        return
    finally:
        session.close()
    try:  # the import is done; fresh statistics only make later lists faster
        with factory() as stats:
            refresh_statistics(stats)
    except SQLAlchemyError:
        log.exception("import %s: statistics not refreshed", job_id)


def _commit_failure(job_id: int, exc: Exception) -> str:
    """The job's error: French, and without the rows' data (database errors quote them)."""
    prefix = "Écriture annulée : aucune ligne n'a été importée."
    if isinstance(exc, CommitAborted):
        return f"{prefix} Le fichier contient {exc.args[0]} ligne(s) invalide(s)."
    if isinstance(exc, AppError):
        return f"{prefix} {exc.detail}"
    if isinstance(exc, SQLAlchemyError):
        cause = type(getattr(exc, "orig", None) or exc).__name__
        log.error("import %s: commit rolled back (%s: %s)", job_id, type(exc).__name__, cause)
        return f"{prefix} La base de données a refusé une écriture ({type(exc).__name__})."
    log.exception("import %s: commit rolled back", job_id)
    return f"{prefix} Erreur inattendue ; elle a été journalisée."


def import_page(
    session: Session, principal: Principal, status: ImportStatus | None, page: PageParams
) -> Page[ImportJobSummary]:
    """One page of the imports the caller may read, newest first (one status when asked)."""
    stmt = ImportJobRepository(session, principal).readable_statement()
    if status is not None:
        stmt = stmt.where(ImportJob.status == status)
    items, total = paginate(session, stmt.order_by(ImportJob.id.desc()), page)
    return page_of([ImportJobSummary.model_validate(j) for j in items], total, page)
