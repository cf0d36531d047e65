"""Erasure leaves no trace in the database files, not only in the rows.

The person is created and worked through the API on a database of its own (a real file on
SQLite: the test reads the main file and its write-ahead log byte by byte), erased by a
data-subject request, and a second person by a retention run. Then:

- SQLite: neither ``capvente.db`` nor ``capvente.db-wal`` holds any of their strings
  (secure_delete zeroes freed bytes, the log is checkpointed and truncated after the commit);
- PostgreSQL: after the scrub job (VACUUM), no heap tuple of the touched tables, live or
  dead, holds them (read with pageinspect).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.models import Prospect, Role
from app.privacy.jobs import retention_all, scrub_files
from app.privacy.scrub import TOUCHED_TABLES
from tests.conftest import TEST_SECRET, migrate
from tests.factories import bearer, make_cohort, make_org, make_user

ERASED = {
    "name": "Rosalie Vandermeersch", "email": "rosalie.vandermeersch@exemple.fr",
    "phone": "+33645781290", "address": "17 impasse des Glycines",
    "postcode": "69570", "city": "Dardillyville",
}  # fmt: skip
EXPIRED = {
    "name": "Quillardet Zéphyrin", "email": "z.quillardet@exemple.org",
    "phone": "+33472114488", "address": "4 chemin des Oursinières",
    "postcode": "69009", "city": "Lyon",
}  # fmt: skip
CONTACT = {"first_name": "Anselme", "last_name": "Trouvadec", "email": "a.trouvadec@exemple.org",
           "phone": "+33611223344", "job_title": "Gérant"}  # fmt: skip
# What must be found nowhere afterwards (the folded forms are what the search index holds).
SECRETS = [
    "Vandermeersch", "vandermeersch", "rosalie", "Glycines", "Dardillyville", "dardillyville",
    "+33645781290",
    "Quillardet", "quillardet", "Oursini", "z.quillardet", "+33472114488",
    "Trouvadec", "a.trouvadec", "+33611223344",
]  # fmt: skip


@pytest.fixture
def world(
    new_database: Callable[[], str], tmp_path: Path
) -> Iterator[tuple[Engine, TestClient, dict[str, Any]]]:
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as db:
        org = make_org(db)
        admin = make_user(db, org, Role.ADMIN)
        trainee = make_user(db, org, cohort=make_cohort(db, org))
        db.commit()
        users = {"admin": bearer(admin), "trainee": bearer(trainee)}
    settings = Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                        frontend_dist=tmp_path / "none")  # fmt: skip
    with TestClient(create_app(settings)) as client:
        yield engine, client, {**users, "settings": settings}
    engine.dispose()


def _work_the_file(client: TestClient, auth: dict[str, str]) -> tuple[int, int]:
    """Two people with everything a trainee records about them; returns their ids."""
    ids = []
    for identity, kind in ((ERASED, "individual"), (EXPIRED, "company")):
        created = client.post(
            "/api/v1/prospects",
            json={"kind": kind, **identity, "latitude": 45.8058, "longitude": 4.7528,
                  "tags": [identity["name"].split()[1]]},
            headers=auth,
        )  # fmt: skip
        assert created.status_code == 201, created.text
        pid = created.json()["id"]
        ids.append(pid)
        name = identity["name"]
        contact_id = None
        if kind == "company":
            contact = client.post(f"/api/v1/prospects/{pid}/contacts", json=CONTACT, headers=auth)
            assert contact.status_code == 201, contact.text
            contact_id = contact.json()["id"]
        consent = client.post(
            f"/api/v1/prospects/{pid}/consents",
            json={"channel": "email", "status": "granted", "contact_id": contact_id,
                  "given_at": "2026-10-01T09:00:00+02:00", "method": "web_form",
                  "text_version": "v1", "proof_reference": f"formulaire de {name}"},
            headers=auth,
        )  # fmt: skip
        assert consent.status_code == 201, consent.text
        logged = client.post(
            f"/api/v1/prospects/{pid}/interactions",
            json={"channel": "email", "outcome": "appointment", "contact_id": contact_id,
                  "notes": f"{name} souhaite un devis", "needs": f"{name} : isolation",
                  "appointment": {"starts_at": (utcnow() + timedelta(days=7)).isoformat(),
                                  "place": identity["address"]}},
            headers=auth,
        )  # fmt: skip
        assert logged.status_code == 201, logged.text
        version = client.get(f"/api/v1/prospects/{pid}", headers=auth).json()["version"]
        for n in range(3):  # rewritten rows: old versions pile up in the log and the pages
            updated = client.patch(f"/api/v1/prospects/{pid}",
                                   json={"tags": [f"{name} {n}"], "version": version},
                                   headers=auth)  # fmt: skip
            assert updated.status_code == 200, updated.text
            version = updated.json()["version"]
    assert client.put("/api/v1/tour-base", json={"label": "Agence", "latitude": 45.764,
                      "longitude": 4.8357}, headers=auth).status_code == 200  # fmt: skip
    tour = client.post(
        "/api/v1/tours",
        json={"name": "Tournée", "days": [{"date": "2026-12-03"}],
              "visits": [{"prospect_id": pid, "duration_minutes": 30} for pid in ids]},
        headers=auth,
    )  # fmt: skip
    assert tour.status_code == 201, tour.text
    return ids[0], ids[1]


def _erase(
    client: TestClient, engine: Engine, users: dict[str, Any], erased: int, expired: int
) -> None:
    auth = users["trainee"]
    request = client.post(
        "/api/v1/privacy/requests",
        json={"prospect_id": erased, "kind": "erasure", "received_on": "2026-11-25",
              "details": "Demande de Rosalie Vandermeersch par e-mail"},
        headers=auth,
    )  # fmt: skip
    assert request.status_code == 201, request.text
    done = client.post(f"/api/v1/privacy/requests/{request.json()['id']}/complete", json={},
                       headers=auth)  # fmt: skip
    assert done.status_code == 200, done.text
    with Session(engine) as db:
        db.execute(update(Prospect).where(Prospect.id == expired)
                   .values(created_at=utcnow() - timedelta(days=4 * 365)))  # fmt: skip
        db.commit()
    run = client.post("/api/v1/privacy/retention/run?dry_run=false", headers=users["admin"])
    assert run.status_code == 200, run.text
    assert [c["prospect_id"] for c in run.json()["candidates"]] == [expired]


def test_sqlite_files_hold_no_trace_after_erasure_and_retention(
    world: tuple[Engine, TestClient, dict[str, Any]], backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's files; the PostgreSQL counterpart is the test below")
    engine, client, users = world
    erased, expired = _work_the_file(client, users["trainee"])
    path = Path(str(make_url(str(engine.url)).database))
    wal = path.with_name(path.name + "-wal")
    before = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert [s for s in SECRETS if s.encode() not in before] == []  # the test sees them
    _erase(client, engine, users, erased, expired)
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert [s for s in SECRETS if s.encode() in raw] == []
    # The records stay, wiped: the aggregates are kept.
    with Session(engine) as db:
        names = db.scalars(text("SELECT name FROM prospects ORDER BY id")).all()
    assert names == [f"Anonymisé #{erased}", f"Anonymisé #{expired}"]


def test_the_scrub_job_checkpoints_what_another_writer_left(
    world: tuple[Engine, TestClient, dict[str, Any]], backend: str
) -> None:
    """The job alone (a scheduler's run): the retention job's own path, then a second run
    finds nothing left to do and still reports complete."""
    engine, client, users = world
    _, expired = _work_the_file(client, users["trainee"])
    with Session(engine) as db:
        db.execute(update(Prospect).where(Prospect.id == expired)
                   .values(created_at=utcnow() - timedelta(days=4 * 365)))  # fmt: skip
        db.commit()
    with Session(engine) as db:
        reports = retention_all(db, users["settings"], apply=True)
        db.commit()
    assert [r.anonymised for _, r in reports] == [1]
    first, second = scrub_files(engine), scrub_files(engine)
    assert first.complete
    assert second.complete
    assert first.backend == second.backend == backend


def test_postgresql_vacuum_leaves_no_row_version_of_the_person(
    world: tuple[Engine, TestClient, dict[str, Any]], backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL's dead row versions; the SQLite counterpart is the test above")
    engine, client, users = world
    erased, expired = _work_the_file(client, users["trainee"])
    with engine.connect() as conn:
        try:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
            conn.commit()
        except Exception as exc:  # not a superuser, or contrib not installed
            pytest.skip(f"pageinspect unavailable: {str(exc).splitlines()[0]}")
    assert _tuples_holding(engine, SECRETS) != []  # the probe sees them before
    _erase(client, engine, users, erased, expired)
    assert _tuples_holding(engine, SECRETS) != []  # dead row versions until VACUUM
    report = scrub_files(engine)
    assert report.complete
    assert _tuples_holding(engine, SECRETS) == []


def _tuples_holding(engine: Engine, secrets: list[str]) -> list[tuple[str, str]]:
    """(table, secret) for every heap tuple, live or dead, whose bytes hold a secret."""
    found = []
    with engine.connect() as conn:
        for table in TOUCHED_TABLES:
            pages = conn.scalar(
                text(f"SELECT pg_relation_size('{table}') / current_setting('block_size')::int")
            )
            for page in range(int(pages or 0)):
                rows = conn.execute(
                    text("SELECT t_data FROM heap_page_items(get_raw_page(:t, :p)) "
                         "WHERE t_data IS NOT NULL"),
                    {"t": table, "p": page},
                )  # fmt: skip
                for (data,) in rows:
                    found += [(table, s) for s in secrets if s.encode() in bytes(data)]
    return found
