"""Concurrent requests on a real database file: reads that log their access and writes at
the same time all succeed, and the reads of one record are one consultation in the access log (on SQLite, a transaction that read first could not write after
another one's commit: reads now log in a transaction of their own, writing requests take
the write lock at BEGIN and wait their turn)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.db import SQLITE_BEGIN_IMMEDIATE, make_engine, make_session_factory
from app.main import create_app
from app.models import Contact, PrivacyAuditEntry, Prospect
from tests.conftest import TEST_SECRET, migrate
from tests.factories import bearer, make_org, make_prospect, make_user


def test_reads_and_writes_at_once_all_succeed(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as db:
        trainee = make_user(db, make_org(db))
        ids = [make_prospect(db, trainee, name=f"Société {n}").id for n in range(6)]
        db.commit()
        auth = bearer(trainee)
    app = create_app(Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                              frontend_dist=tmp_path / "none"))  # fmt: skip

    def reader(n: int) -> list[int]:
        with TestClient(app) as client:
            return [client.get(f"/api/v1/prospects/{ids[(n + k) % len(ids)]}",
                               headers=auth).status_code for k in range(12)]  # fmt: skip

    def writer(n: int) -> list[int]:
        with TestClient(app) as client:
            return [client.post(f"/api/v1/prospects/{ids[n]}/contacts",
                                json={"last_name": f"Contact {n}-{k}"},
                                headers=auth).status_code for k in range(6)]  # fmt: skip

    with ThreadPoolExecutor(max_workers=8) as pool:
        reads = [pool.submit(reader, n) for n in range(6)]
        writes = [pool.submit(writer, n) for n in range(2)]
        statuses = Counter(s for f in reads + writes for s in f.result())
    assert statuses == {200: 72, 201: 12}
    with Session(engine) as db:
        logged = db.scalar(select(func.count()).select_from(PrivacyAuditEntry))
        contacts = db.scalar(select(func.count()).select_from(Contact))
    engine.dispose()
    # Every record read is in the access log, once per record: one consultation (twelve
    # reads of each record at once by the same person, none lost, none doubled).
    assert logged == len(ids)
    assert contacts == 12


def test_a_write_that_cannot_get_its_lock_in_time_is_a_503_to_retry(
    new_database: Callable[[], str], tmp_path: Path, backend: str
) -> None:
    """Another transaction holds the lock longer than the database waits (a busy timeout,
    a lock timeout, shortened here): the write is refused with a 503 problem and a
    Retry-After, nothing written, never a 500; sent again once the lock is free, it passes."""
    url = new_database()
    migrate(url)
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _short_waits(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if backend == "sqlite":
            cursor.execute("PRAGMA busy_timeout=100")
        else:
            cursor.execute("SET lock_timeout = '100ms'")
        cursor.close()
        if backend == "postgresql":
            dbapi_connection.commit()

    with Session(engine) as db:
        trainee = make_user(db, make_org(db))
        prospect = make_prospect(db, trainee, name="Avant")
        db.commit()
        prospect_id, version, auth = prospect.id, prospect.version, bearer(trainee)
    app = create_app(Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                              frontend_dist=tmp_path / "none"),
                     session_factory=make_session_factory(engine))  # fmt: skip
    body = {"version": version, "name": "Après"}
    with TestClient(app, raise_server_exceptions=False) as client, engine.connect() as blocker:
        # SQLite: the write lock itself; PostgreSQL: the record's row.
        if backend == "sqlite":
            blocker.execution_options(**{SQLITE_BEGIN_IMMEDIATE: True}).begin()
        else:
            blocker.execute(select(Prospect.id).where(Prospect.id == prospect_id).with_for_update())
        refused = client.patch(f"/api/v1/prospects/{prospect_id}", json=body, headers=auth)
        blocker.rollback()
        assert refused.status_code == 503, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["Retry-After"] == "5"
        problem = refused.json()
        assert problem["type"] == "urn:capvente:problem:database-busy"
        assert "réessayez" in problem["detail"]
        with Session(engine) as db:
            assert db.get(Prospect, prospect_id).name == "Avant"  # type: ignore[union-attr]
        again = client.patch(f"/api/v1/prospects/{prospect_id}", json=body, headers=auth)
        assert again.status_code == 200, again.text
        assert again.json()["name"] == "Après"
    engine.dispose()
