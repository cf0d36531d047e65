"""What the watch's evidence records say: each write carries the CP1 criteria it shows
(source choice, regular updating, efficient search and fact/opinion, competitors known)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.models import EvidenceLink, EvidenceRecord, User, WatchSource
from tests.factories import bearer, make_org, make_user
from tests.watch_server import HostileSite


@pytest.fixture
def site() -> Iterator[HostileSite]:
    server = HostileSite().start()
    yield server
    server.stop()


def _last_codes(db: Session, user: User) -> tuple[str, set[str]]:
    """The action and codes of the trainee's latest evidence record."""
    db.expire_all()
    record = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == user.id)
        .order_by(EvidenceRecord.id.desc())
    ).first()
    assert record is not None
    codes = set(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == record.id)))
    return record.action, codes


def _ok(response: Any, code: int = 200) -> dict[str, Any]:
    assert response.status_code == code, response.text
    return dict(response.json()) if response.content else {}


def _count(db: Session, user: User) -> int:
    db.expire_all()
    return len(
        db.scalars(select(EvidenceRecord.id).where(EvidenceRecord.trainee_id == user.id)).all()
    )


def test_each_watch_write_carries_its_criteria(
    client: TestClient, db: Session, site: HostileSite, settings: Settings
) -> None:
    settings.watch_allow_private = True
    trainee = make_user(db, make_org(db))
    auth = bearer(trainee)
    rival = _ok(client.post("/api/v1/competitors", json={"name": "Rival"}, headers=auth), 201)
    assert _last_codes(db, trainee) == ("create_competitor", {"CP1", "CP1.5"})

    body = {"name": "Flux", "kind": "rss", "url": site.url + "/rss2.xml", "topic": "market",
            "cadence": "daily", "reliability": 4, "reliability_reason": "Presse pro"}  # fmt: skip
    source = _ok(client.post("/api/v1/watch/sources", json=body, headers=auth), 201)
    assert _last_codes(db, trainee) == ("create_source", {"CP1", "CT4", "CP1.1", "CP1.2"})

    # First refresh: regular updating (CP1.3, and its twin CT3.1 with CT3).
    refresh = f"/api/v1/watch/sources/{source['id']}/refresh"
    _ok(client.post(refresh, headers=auth))
    assert _last_codes(db, trainee) == ("refresh_source", {"CP1", "CT4", "CP1.3", "CT3", "CT3.1"})
    # Refreshing again within the source's cadence (a day) shows nothing more.
    before = _count(db, trainee)
    _ok(client.post(refresh, headers=auth))
    assert _count(db, trainee) == before
    # A source left past its cadence: refreshing it late earns no "regular updating".
    row = db.get(WatchSource, source["id"])
    assert row is not None
    row.last_fetched_at = utcnow() - timedelta(days=3)
    db.commit()
    _ok(client.post(refresh, headers=auth))
    assert _last_codes(db, trainee) == ("refresh_source", {"CP1", "CT4"})
    assert _count(db, trainee) == before + 1

    items = _ok(client.get("/api/v1/watch/items", headers=auth))["items"]
    item = items[0]
    url = f"/api/v1/watch/items/{item['id']}"
    # Reading, starring, sharing, noting, toggling back: no criterion shown, no evidence.
    before = _count(db, trainee)
    for change in ({"is_read": True}, {"is_read": False}, {"is_read": True}, {"starred": True},
                   {"starred": False}, {"shared": True}, {"shared": False},
                   {"notes": "à relire"}):  # fmt: skip
        item = _ok(client.patch(url, json={"version": item["version"], **change}, headers=auth))
    assert _count(db, trainee) == before
    # Fact or opinion: efficient search and sorting of information (CP1.4), once per item.
    item = _ok(client.patch(url, json={"version": item["version"], "classification": "fact"},
                            headers=auth))  # fmt: skip
    assert _last_codes(db, trainee) == ("update_item", {"CP1", "CT4", "CP1.4"})
    for change in ({"classification": "opinion"}, {"classification": "fact"}, {"relevance": 5},
                   {"tags": ["prix"]}):  # fmt: skip
        item = _ok(client.patch(url, json={"version": item["version"], **change}, headers=auth))
    assert _count(db, trainee) == before + 1
    # Linked to a competitor: the competitor's file grows (CP1.5).
    _ok(client.patch(url, json={"version": item["version"], "competitor_id": rival["id"]},
                     headers=auth))  # fmt: skip
    assert _last_codes(db, trainee) == ("update_item", {"CP1", "CT4", "CP1.5"})
    assert _count(db, trainee) == before + 2

    # A manual item (a fair, a call) keeps the watch up to date; classified and linked, it
    # also shows the other two.
    manual = {"title": "Salon : stand de Rival", "topic": "competitor", "classification": "fact",
              "competitor_id": rival["id"]}  # fmt: skip
    _ok(client.post("/api/v1/watch/items", json=manual, headers=auth), 201)
    assert _last_codes(db, trainee) == (
        "create_item", {"CP1", "CT4", "CP1.3", "CT3", "CT3.1", "CP1.4", "CP1.5"}
    )  # fmt: skip

    # A saved search is an efficient search (CP1.4); looking at its results is not evidence.
    saved = {"name": "Rival", "competitor_id": rival["id"]}
    search = _ok(client.post("/api/v1/watch/searches", json=saved, headers=auth), 201)
    assert _last_codes(db, trainee) == ("create_search", {"CP1", "CT4", "CP1.4"})
    _ok(client.post(f"/api/v1/watch/searches/{search['id']}/seen", headers=auth))
    assert _last_codes(db, trainee)[0] == "create_search"

    # Deleting shows nothing: neither an item, a search, a source nor a competitor.
    before = _count(db, trainee)
    for path in (url, f"/api/v1/watch/searches/{search['id']}",
                 f"/api/v1/watch/sources/{source['id']}"):  # fmt: skip
        assert client.delete(path, headers=auth).status_code == 204
    assert _count(db, trainee) == before


def test_a_failed_refresh_records_nothing(
    client: TestClient, db: Session, site: HostileSite, settings: Settings
) -> None:
    trainee = make_user(db, make_org(db))
    auth = bearer(trainee)

    def source(url: str) -> int:
        body = {"name": url[:50], "kind": "rss", "url": url, "topic": "market", "cadence": "daily",
                "reliability": 3, "reliability_reason": "Test"}  # fmt: skip
        return int(_ok(client.post("/api/v1/watch/sources", json=body, headers=auth), 201)["id"])

    # A forbidden address (loopback, private switch off), an unknown domain, a 404.
    settings.watch_allow_private = False
    ids = [source(site.url + "/rss2.xml"), source("http://inconnu.invalid/flux.xml")]
    before = _count(db, trainee)
    for source_id in ids:
        answer = _ok(client.post(f"/api/v1/watch/sources/{source_id}/refresh", headers=auth))
        assert answer["outcome"] == "error", answer
    settings.watch_allow_private = True
    missing = source(site.url + "/missing")
    before += 1
    answer = _ok(client.post(f"/api/v1/watch/sources/{missing}/refresh", headers=auth))
    assert answer["outcome"] == "error", answer
    assert _count(db, trainee) == before
