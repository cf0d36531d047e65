"""Scheduled work of the prospect file, run by ``capvente jobs imports-cleanup``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.models import ImportFile, ImportJob, ImportStatus

RUNNING = (ImportStatus.VALIDATING, ImportStatus.WRITING)
WAITING = (ImportStatus.PENDING, ImportStatus.VALIDATED)


@dataclass(frozen=True)
class CleanupReport:
    interrupted: int  # running jobs whose worker stopped (restart, crash)
    expired: int  # uploads nobody committed: their file is dropped


def cleanup_imports(
    session: Session,
    *,
    stuck_after: timedelta = timedelta(hours=1),
    keep_uploads_for: timedelta = timedelta(days=1),
    now: datetime | None = None,
) -> CleanupReport:
    """Fail the jobs left running by a stopped worker; expire old uncommitted uploads.

    Idempotent, and safe beside live imports: a job only counts as stuck when it has not been
    updated (progress is saved at least every few seconds) for ``stuck_after``.
    """
    now = now or utcnow()
    interrupted = (
        session.execute(
            update(ImportJob)
            .where(ImportJob.status.in_(RUNNING), ImportJob.updated_at < now - stuck_after)
            .values(
                status=ImportStatus.FAILED,
                error="Import interrompu (arrêt du serveur) : relancez-le ; rien n'a été écrit.",
                finished_at=now,
            )
            .execution_options(synchronize_session=False)
            .returning(ImportJob.id)
        )
        .scalars()
        .all()
    )
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
    done = list(interrupted) + list(expired)
    if done:
        session.execute(delete(ImportFile).where(ImportFile.job_id.in_(done)))
    # Files whose job ended without dropping them (should not happen; keep the table clean).
    finished = select(ImportJob.id).where(
        ImportJob.status.in_((ImportStatus.COMMITTED, ImportStatus.FAILED, ImportStatus.CANCELLED))
    )
    session.execute(delete(ImportFile).where(ImportFile.job_id.in_(finished)))
    return CleanupReport(interrupted=len(interrupted), expired=len(expired))
