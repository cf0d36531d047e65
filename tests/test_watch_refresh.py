"""Refreshing watch sources through the API and the job, against a real server on 127.0.0.1:
items stored once, conditional requests, changed pages, errors recorded, leases."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import make_engine, make_session_factory
from app.main import create_app
from app.models import (
    EvidenceRecord,
    User,
    WatchCadence,
    WatchItem,
    WatchSource,
    WatchSourceKind,
    WatchTopic,
)
from app.watch import refresh
from tests.conftest import TEST_SECRET, migrate
from tests.factories import api_token_bearer, bearer, make_org, make_prospect, make_user
from tests.watch_server import HostileSite


@pytest.fixture
def site() -> Iterator[HostileSite]:
    server = HostileSite().start()
    yield server
    server.stop()


@pytest.fixture
def local(settings: Settings) -> Settings:
    settings.watch_allow_private = True  # the feeds are served on 127.0.0.1
    settings.watch_timeout_seconds = 1.0
    # The tests' session factory shares one connection (the test's transaction): one source
    # at a time. The concurrent job has its own test, on a database of its own.
    settings.watch_concurrency = 1
    return settings


def _source(client: TestClient, user: User, url: str, kind: str = "rss") -> dict[str, Any]:
    body = {"name": "Flux", "kind": kind, "url": url, "topic": "market", "cadence": "daily",
            "reliability": 4, "reliability_reason": "Presse professionnelle"}  # fmt: skip
    response = client.post("/api/v1/watch/sources", json=body, headers=bearer(user))
    assert response.status_code == 201, response.text
    return dict(response.json())


def _items(db: Session, source_id: int) -> int:
    db.expire_all()
    return int(
        db.scalar(select(func.count()).select_from(WatchItem).where(
            WatchItem.source_id == source_id)) or 0
    )  # fmt: skip


def test_a_feed_fills_once_then_answers_not_modified(
    client: TestClient, db: Session, site: HostileSite, local: Settings
) -> None:
    trainee = make_user(db, make_org(db))
    source = _source(client, trainee, site.url + "/rss2.xml")
    url = f"/api/v1/watch/sources/{source['id']}/refresh"
    first = client.post(url, headers=bearer(trainee))
    assert first.status_code == 200, first.text
    assert (first.json()["outcome"], first.json()["new_items"]) == ("ok", 3)
    assert first.json()["source"]["freshness"] == "on_time"
    assert _items(db, source["id"]) == 3
    item = db.scalars(select(WatchItem).where(WatchItem.source_id == source["id"])).first()
    assert item is not None
    assert item.owner_id == trainee.id
    assert item.link
    assert item.link.startswith("http")
    # The server gave an ETag: the second refresh is conditional and adds nothing.
    second = client.post(url, headers=bearer(trainee)).json()
    assert second["outcome"] in {"not_modified", "ok"}
    assert second["new_items"] == 0
    assert _items(db, source["id"]) == 3
    other = make_user(db, make_org(db))
    assert client.post(url, headers=bearer(other)).status_code == 404


def test_failures_are_recorded_on_the_source_never_raised(
    client: TestClient, db: Session, site: HostileSite, local: Settings
) -> None:
    trainee = make_user(db, make_org(db))
    for path in ("/billion-laughs.xml", "/xxe.xml", "/malformed-empty.xml", "/404", "/500",
                 "/loop/0"):  # fmt: skip
        source = _source(client, trainee, site.url + path)
        done = client.post(f"/api/v1/watch/sources/{source['id']}/refresh",
                           headers=bearer(trainee))  # fmt: skip
        assert done.status_code == 200, (path, done.text)
        body = done.json()
        assert (body["outcome"], body["new_items"]) == ("error", 0), path
        assert body["error"], path
        assert (body["source"]["status"], body["source"]["last_error"]) == ("error", body["error"])
        assert _items(db, source["id"]) == 0
        row = db.get(WatchSource, source["id"])
        assert row is not None
        assert row.lease_owner is None  # released
        assert row.next_due_at is not None


def test_private_addresses_are_refused_without_the_switch(
    client: TestClient, db: Session, site: HostileSite, settings: Settings
) -> None:
    trainee = make_user(db, make_org(db))
    source = _source(client, trainee, site.url + "/rss2.xml")
    body = client.post(f"/api/v1/watch/sources/{source['id']}/refresh",
                       headers=bearer(trainee)).json()  # fmt: skip
    assert body["outcome"] == "error"
    assert site.paths() == []  # refused before any connection


def test_a_changed_page_becomes_one_item(
    client: TestClient, db: Session, site: HostileSite, local: Settings
) -> None:
    trainee = make_user(db, make_org(db))
    source = _source(client, trainee, site.url + "/page", kind="web_page")
    url = f"/api/v1/watch/sources/{source['id']}/refresh"
    assert client.post(url, headers=bearer(trainee)).json()["new_items"] == 0  # the reference
    changed = client.post(url, headers=bearer(trainee)).json()  # the page changes every time
    assert changed["new_items"] == 1
    item = db.scalars(select(WatchItem).where(WatchItem.source_id == source["id"])).one()
    assert item.title.startswith("Page modifiée")


def test_the_job_refreshes_due_sources_and_a_held_lease_is_respected(
    client: TestClient,
    db: Session,
    site: HostileSite,
    local: Settings,
    session_factory: sessionmaker[Session],
) -> None:
    trainee = make_user(db, make_org(db))
    due = _source(client, trainee, site.url + "/atom.xml", kind="atom")
    held = _source(client, trainee, site.url + "/rss1.rdf")
    later = _source(client, trainee, site.url + "/rss2.xml")
    row = db.get(WatchSource, held["id"])
    assert row is not None
    row.lease_owner, row.lease_until = "another-worker", utcnow() + timedelta(minutes=1)
    not_yet = db.get(WatchSource, later["id"])
    assert not_yet is not None
    not_yet.next_due_at = utcnow() + timedelta(days=1)
    db.commit()
    done = {r.source_id: r for r in refresh.refresh_due(session_factory, local)}
    assert done[due["id"]].outcome == "ok"
    assert done[due["id"]].new_items == 3
    assert done[held["id"]].outcome == "busy"  # another worker holds it: left alone
    assert later["id"] not in done
    assert _items(db, held["id"]) == 0
    # An expired lease (a worker that died) no longer blocks.
    row = db.get(WatchSource, held["id"])
    assert row is not None
    row.lease_until = utcnow() - timedelta(seconds=1)
    db.commit()
    assert refresh.refresh(session_factory, local, held["id"]).new_items == 3


def test_the_job_fetches_a_few_sources_at_once_never_more(
    new_database: Callable[[], str], site: HostileSite, local: Settings
) -> None:
    """Eight due sources, three at a time: all stored, never more than three requests in
    flight, and the job reports each one as it ends. A real database with real commits
    (each worker thread has its own session)."""
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as db:
        trainee = make_user(db, make_org(db))
        sources = [
            WatchSource(owner_id=trainee.id, name=f"Flux {n}", kind=WatchSourceKind.RSS,
                        url=f"{site.url}/busy/{n}", topic=WatchTopic.MARKET,
                        cadence=WatchCadence.DAILY, reliability=3, next_due_at=utcnow())
            for n in range(8)
        ]  # fmt: skip
        db.add_all(sources)
        db.commit()
        ids = [s.id for s in sources]
    local.watch_concurrency = 3
    seen: list[int] = []
    done = refresh.refresh_due(factory, local, progress=lambda r: seen.append(r.source_id))
    assert [r.source_id for r in done] == ids  # reported in the order they were due
    assert sorted(seen) == sorted(ids)
    assert all(r.outcome == "ok" and r.new_items == 2 for r in done), done
    assert site.max_in_flight == 3
    with factory() as db:
        assert db.scalar(select(func.count()).select_from(WatchItem)) == 16
    engine.dispose()


@pytest.mark.parametrize("auth", ["session", "api_token"])
def test_a_refresh_neither_blocks_nor_fails_beside_concurrent_writes(
    auth: str, new_database: Callable[[], str], site: HostileSite, tmp_path: Path
) -> None:
    """A refresh fetches over HTTP for a while: meanwhile another trainee writes again and
    again. Every write goes through during the fetch (the refresh holds no write lock), and
    the refresh ends with its items and its evidence, never "database is locked"."""
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as db:
        org = make_org(db)
        trainee, other = make_user(db, org), make_user(db, org)
        source = WatchSource(owner_id=trainee.id, name="Flux lent", kind=WatchSourceKind.RSS,
                             url=f"{site.url}/busy/lent", topic=WatchTopic.MARKET,
                             cadence=WatchCadence.DAILY, reliability=3)  # fmt: skip
        db.add(source)
        prospect_id = make_prospect(db, other, name="Voisin").id
        _token, token_auth = api_token_bearer(
            db, trainee, last_used_at=utcnow() - timedelta(days=1)
        )
        db.commit()
    trainee_auth = token_auth if auth == "api_token" else bearer(trainee)
    other_auth = bearer(other)
    settings = Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                        frontend_dist=tmp_path / "none", watch_allow_private=True,
                        watch_timeout_seconds=10)  # fmt: skip
    site.busy_s = 1.0
    app = create_app(settings)
    refreshed = threading.Event()
    writes: list[tuple[int, bool]] = []  # (status, whether the fetch was in flight after it)

    def write_until_refreshed() -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            while not refreshed.is_set():
                response = client.post(f"/api/v1/prospects/{prospect_id}/contacts",
                                       json={"last_name": "Pendant"}, headers=other_auth)  # fmt: skip
                writes.append((response.status_code, site.in_flight > 0))

    with TestClient(app, raise_server_exceptions=False) as client:
        writer = threading.Thread(target=write_until_refreshed)
        writer.start()
        response = client.post(f"/api/v1/watch/sources/{source.id}/refresh",
                               headers=trainee_auth)  # fmt: skip
        refreshed.set()
        writer.join(30)
    assert response.status_code == 200, response.text
    assert (response.json()["outcome"], response.json()["new_items"]) == ("ok", 2)
    assert {status for status, _ in writes} == {201}
    assert any(during for _, during in writes)  # writes landed while the source was fetched
    with Session(engine) as db:
        evidence = db.scalar(select(func.count()).select_from(EvidenceRecord).where(
            EvidenceRecord.trainee_id == trainee.id))  # fmt: skip
        assert evidence == 1
        assert db.scalar(select(func.count()).select_from(WatchItem)) == 2
    engine.dispose()
