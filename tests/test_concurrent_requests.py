"""Concurrent requests on a real database file: reads that log their access and writes at
the same time all succeed, and the reads of one record are one consultation in the access log (on SQLite, a transaction that read first could not write after
another one's commit: reads now log in a transaction of their own, writing requests take
the write lock at BEGIN and wait their turn)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.models import Contact, PrivacyAuditEntry
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
