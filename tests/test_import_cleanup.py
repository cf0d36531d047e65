"""Import jobs left behind by a stopped worker are recovered (a commit can be retried or
cancelled, a dry-run fails), and forgotten uploads are cleaned up (issue 13, finding 13).

What a crash leaves: the job says ``writing`` while nobody holds its lease (the commit's
transaction, rolled back by the database when its process died), and no evidence, since the
commit's evidence is written in that same transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.models import EvidenceRecord, ImportFile, ImportJob, ImportStatus, User
from app.prospects.imports import service
from app.prospects.jobs import cleanup_imports
from tests.conftest import TEST_SECRET, migrate
from tests.factories import bearer, make_org, make_user
from tests.test_imports import (
    DUP_FILE,
    IMPORTS,
    commit,
    committed,
    csv_bytes,
    job_of,
    prospects_of,
    trainee,
    upload,
)

__all__ = ["trainee"]


def _job(db: Session, owner_id: int, status: ImportStatus, age: timedelta) -> ImportJob:
    job = ImportJob(owner_id=owner_id, filename="f.csv", file_format="csv", mapping={},
                    report={}, status=status)  # fmt: skip
    db.add(job)
    db.flush()
    db.add(ImportFile(job_id=job.id, content=b"Nom\nA\n"))
    db.execute(update(ImportJob).where(ImportJob.id == job.id).values(updated_at=utcnow() - age))
    db.flush()
    return job


def _crash_while_writing(db: Session, job_id: int, age: timedelta = timedelta(minutes=5)) -> None:
    """The state a crash during the commit leaves (see the module's docstring)."""
    db.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id)
        .values(status=ImportStatus.WRITING, updated_at=utcnow() - age)
    )
    db.commit()


def _commit_evidence(db: Session, user: User) -> int:
    stmt = select(func.count()).where(
        EvidenceRecord.trainee_id == user.id, EvidenceRecord.action == "commit_import"
    )
    return db.scalar(stmt.select_from(EvidenceRecord)) or 0


def test_cleanup_recovers_interrupted_jobs_and_expires_old_uploads(db: Session) -> None:
    owner = make_user(db, make_org(db)).id
    crashed = _job(db, owner, ImportStatus.WRITING, timedelta(minutes=2))
    just_started = _job(db, owner, ImportStatus.WRITING, timedelta(seconds=1))
    stalled = _job(db, owner, ImportStatus.VALIDATING, service.DRY_RUN_LEASE + timedelta(seconds=5))
    live = _job(db, owner, ImportStatus.VALIDATING, timedelta(seconds=5))
    forgotten = _job(db, owner, ImportStatus.VALIDATED, timedelta(days=2))
    waiting = _job(db, owner, ImportStatus.VALIDATED, timedelta(hours=3))
    report = cleanup_imports(db)
    assert (report.interrupted, report.expired) == (2, 1)
    db.expire_all()
    # Nothing was written: back to validated, with its file, to be committed again or cancelled.
    recovered = db.get(ImportJob, crashed.id)
    assert (recovered.status, recovered.error) == (
        ImportStatus.VALIDATED,
        service.INTERRUPTED_WRITE,
    )
    assert db.get(ImportFile, crashed.id) is not None
    failed = db.get(ImportJob, stalled.id)
    assert (failed.status, failed.error) == (ImportStatus.FAILED, service.INTERRUPTED_DRY_RUN)
    assert db.get(ImportFile, stalled.id) is None
    assert db.get(ImportJob, forgotten.id).status is ImportStatus.CANCELLED
    assert db.get(ImportFile, forgotten.id) is None
    # A commit whose task is only starting (grace), a dry-run saving progress: left alone.
    assert db.get(ImportJob, just_started.id).status is ImportStatus.WRITING
    assert db.get(ImportJob, live.id).status is ImportStatus.VALIDATING
    assert db.get(ImportJob, waiting.id).status is ImportStatus.VALIDATED
    for job in (just_started, live, waiting):
        assert db.get(ImportFile, job.id) is not None
    again = cleanup_imports(db)
    assert (again.interrupted, again.expired) == (0, 0)


def test_a_job_interrupted_while_writing_is_recovered_at_start_then_committed(
    app: FastAPI, client: TestClient, db: Session, trainee: User
) -> None:
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    _crash_while_writing(db, job["id"])
    with TestClient(app):  # the server starts again
        pass
    db.expire_all()
    stored = db.get(ImportJob, job["id"])
    assert (stored.status, stored.error) == (ImportStatus.VALIDATED, service.INTERRUPTED_WRITE)
    assert _commit_evidence(db, trainee) == 0
    done = committed(client, trainee, job["id"])
    assert (done["status"], done["created_count"], done["error"]) == ("committed", 2, None)
    assert len(prospects_of(db, trainee)) == 2
    assert _commit_evidence(db, trainee) == 1


def test_a_job_left_writing_can_be_retried_or_cancelled_at_once(
    client: TestClient, db: Session, trainee: User
) -> None:
    """No wait for a lease to expire: the commit's lease is the database's own lock."""
    retried = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    _crash_while_writing(db, retried["id"], age=timedelta(0))
    done = committed(client, trainee, retried["id"])
    assert (done["status"], done["created_count"]) == ("committed", 2)
    assert _commit_evidence(db, trainee) == 1

    cancelled = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    _crash_while_writing(db, cancelled["id"], age=timedelta(0))
    response = client.delete(f"{IMPORTS}/{cancelled['id']}", headers=bearer(trainee))
    assert response.status_code == 204, response.text
    db.expire_all()
    assert db.get(ImportJob, cancelled["id"]).status is ImportStatus.CANCELLED
    assert db.get(ImportFile, cancelled["id"]) is None
    assert len(prospects_of(db, trainee)) == 2
    assert _commit_evidence(db, trainee) == 1


def test_a_running_commit_is_not_taken_for_an_interrupted_one(
    backend: str, new_database: Callable[[], str], tmp_path: Path
) -> None:
    """PostgreSQL: the commit's lease is the job's row lock, tried without waiting. (On
    SQLite the lease is the database's write lock: a cancel waits for the commit to end like
    any other write, so there is no state in which it could see the job ``writing``.)"""
    if backend != "postgresql":
        pytest.skip("the row-lock lease is PostgreSQL's; SQLite serialises the writes")
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as db:
        user = make_user(db, make_org(db))
        db.commit()
        auth = bearer(user)
    app = create_app(Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                              frontend_dist=tmp_path / "none"))  # fmt: skip
    with TestClient(app) as client:
        response = client.post(
            IMPORTS, files={"file": ("p.csv", csv_bytes(DUP_FILE))}, headers=auth
        )
        job_id = job_of(client, user, response)["id"]
        with Session(engine) as db:
            _crash_while_writing(db, job_id)
        with engine.connect() as running:  # what run_commit holds while it writes
            running.execute(
                text("SELECT id FROM import_jobs WHERE id = :id FOR UPDATE"), {"id": job_id}
            )
            refused = client.delete(f"{IMPORTS}/{job_id}", headers=auth)
            assert refused.status_code == 409, refused.text
            assert refused.json()["type"] == "urn:capvente:problem:import-writing"
            assert commit(client, user, job_id).status_code == 409
            running.rollback()  # the worker dies: its transaction is rolled back
        assert client.delete(f"{IMPORTS}/{job_id}", headers=auth).status_code == 204
    engine.dispose()
