"""Import jobs left behind by a stopped worker, and forgotten uploads, are cleaned up."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.models import ImportFile, ImportJob, ImportStatus
from app.prospects.jobs import cleanup_imports
from tests.factories import make_org, make_user


def _job(db: Session, owner_id: int, status: ImportStatus, age: timedelta) -> ImportJob:
    job = ImportJob(owner_id=owner_id, filename="f.csv", file_format="csv", mapping={},
                    report={}, status=status)  # fmt: skip
    db.add(job)
    db.flush()
    db.add(ImportFile(job_id=job.id, content=b"Nom\nA\n"))
    db.execute(update(ImportJob).where(ImportJob.id == job.id).values(updated_at=utcnow() - age))
    db.flush()
    return job


def test_cleanup_fails_stuck_jobs_and_expires_old_uploads(db: Session) -> None:
    owner = make_user(db, make_org(db)).id
    stuck = _job(db, owner, ImportStatus.WRITING, timedelta(hours=2))
    live = _job(db, owner, ImportStatus.VALIDATING, timedelta(seconds=5))
    forgotten = _job(db, owner, ImportStatus.VALIDATED, timedelta(days=2))
    waiting = _job(db, owner, ImportStatus.VALIDATED, timedelta(hours=3))
    report = cleanup_imports(db)
    assert (report.interrupted, report.expired) == (1, 1)
    db.expire_all()
    assert db.get(ImportJob, stuck.id).status is ImportStatus.FAILED
    assert "interrompu" in (db.get(ImportJob, stuck.id).error or "")
    assert db.get(ImportJob, forgotten.id).status is ImportStatus.CANCELLED
    assert db.get(ImportFile, stuck.id) is None
    assert db.get(ImportFile, forgotten.id) is None
    for job in (live, waiting):
        assert db.get(ImportJob, job.id).status in (ImportStatus.VALIDATING, ImportStatus.VALIDATED)
        assert db.get(ImportFile, job.id) is not None
    again = cleanup_imports(db)
    assert (again.interrupted, again.expired) == (0, 0)
