"""Scheduled work of the prospect file, run by ``capvente jobs imports-cleanup``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.db import start_writing
from app.models import ImportFile, ImportJob, ImportStatus
from app.prospects.imports import service

WAITING = (ImportStatus.PENDING, ImportStatus.VALIDATED)
# Automatic recovery leaves a job alone for this long after its last change: the commit's
# background task starts right after the response that set ``writing``.
WRITE_GRACE = timedelta(seconds=30)

log = logging.getLogger("capvente.imports")


@dataclass(frozen=True)
class CleanupReport:
    interrupted: int  # running jobs whose worker stopped (restart, crash)
    expired: int  # uploads nobody committed: their file is dropped


def recover_interrupted(session: Session, *, now: datetime | None = None) -> int:
    """Jobs left running by a stopped worker (see ``imports.service``): a commit whose lease
    is free goes back to ``validated`` (retry or cancel), a dry-run silent for
    ``DRY_RUN_LEASE`` fails. On SQLite the caller's transaction takes the write lock first
    (no commit runs while it is held). Returns how many jobs were recovered."""
    now = now or utcnow()
    start_writing(session)
    writing = session.scalars(
        select(ImportJob)
        .where(ImportJob.status == ImportStatus.WRITING, ImportJob.updated_at < now - WRITE_GRACE)
        .order_by(ImportJob.id)
    ).all()
    recovered = 0
    for job in writing:
        if not service.commit_in_progress(session, job.id):
            recovered += service.recover_interrupted_write(session, job)
    stalled = (
        session.execute(
            update(ImportJob)
            .where(
                ImportJob.status == ImportStatus.VALIDATING,
                ImportJob.updated_at < now - service.DRY_RUN_LEASE,
            )
            .values(status=ImportStatus.FAILED, error=service.INTERRUPTED_DRY_RUN, finished_at=now)
            .execution_options(synchronize_session=False)
            .returning(ImportJob.id)
        )
        .scalars()
        .all()
    )
    if stalled:
        session.execute(delete(ImportFile).where(ImportFile.job_id.in_(stalled)))
    return recovered + len(stalled)


def recover_interrupted_imports(factory: Callable[[], Session]) -> None:
    """At start: recover the jobs a previous run left behind, in a short transaction. A
    database that cannot be read yet (not migrated) or is busy is left for the cleanup job."""
    try:
        with factory() as session:
            count = recover_interrupted(session)
            session.commit()
    except SQLAlchemyError as exc:
        log.warning("interrupted imports not checked at start: %s", type(exc).__name__)
        return
    if count:
        log.warning("%d interrupted import(s) recovered at start", count)


def cleanup_imports(
    session: Session,
    *,
    keep_uploads_for: timedelta = timedelta(days=1),
    now: datetime | None = None,
) -> CleanupReport:
    """Recover the jobs left running by a stopped worker; expire old uncommitted uploads.

    Idempotent, and safe beside live imports: a commit counts as interrupted only when its
    lease is free, a dry-run when it has saved no progress for ``DRY_RUN_LEASE``.
    """
    now = now or utcnow()
    interrupted = recover_interrupted(session, now=now)
    expired = (
        session.execute(
            update(ImportJob)
            .where(ImportJob.status.in_(WAITING), ImportJob.updated_at < now - keep_uploads_for)
            .values(
                status=ImportStatus.CANCELLED,
                error="Import expiré : fichier supprimé.",
                finished_at=now,
            )
            .execution_options(synchronize_session=False)
            .returning(ImportJob.id)
        )
        .scalars()
        .all()
    )
    if expired:
        session.execute(delete(ImportFile).where(ImportFile.job_id.in_(expired)))
    # Files whose job ended without dropping them (should not happen; keep the table clean).
    finished = select(ImportJob.id).where(
        ImportJob.status.in_((ImportStatus.COMMITTED, ImportStatus.FAILED, ImportStatus.CANCELLED))
    )
    session.execute(delete(ImportFile).where(ImportFile.job_id.in_(finished)))
    return CleanupReport(interrupted=interrupted, expired=len(expired))
