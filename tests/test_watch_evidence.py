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

from app.config import Settings
from app.core.clock import utcnow
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

    # First refresh, then one on time: regular updating (CP1.3, CT3.1).
    refresh = f"/api/v1/watch/sources/{source['id']}/refresh"
    _ok(client.post(refresh, headers=auth))
    assert _last_codes(db, trainee) == ("refresh_source", {"CP1", "CT4", "CP1.3", "CT3", "CT3.1"})
    _ok(client.post(refresh, headers=auth))
    assert _last_codes(db, trainee)[1] == {"CP1", "CT4", "CP1.3", "CT3", "CT3.1"}
    # A source left past its cadence: refreshing it late earns no "regular updating".
    row = db.get(WatchSource, source["id"])
    assert row is not None
    row.last_fetched_at = utcnow() - timedelta(days=3)
    db.commit()
    _ok(client.post(refresh, headers=auth))
    assert _last_codes(db, trainee) == ("refresh_source", {"CP1", "CT4"})

    items = _ok(client.get("/api/v1/watch/items", headers=auth))["items"]
    item = items[0]
    url = f"/api/v1/watch/items/{item['id']}"
    # Reading flags only: the watch is used, no criterion shown.
    item = _ok(client.patch(url, json={"version": item["version"], "is_read": True}, headers=auth))
    assert _last_codes(db, trainee) == ("update_item", {"CP1", "CT4"})
    # Fact or opinion: efficient search and sorting of information (CP1.4).
    item = _ok(client.patch(url, json={"version": item["version"], "classification": "fact"},
                            headers=auth))  # fmt: skip
    assert _last_codes(db, trainee)[1] == {"CP1", "CT4", "CP1.4"}
    # Linked to a competitor: the competitor's file grows (CP1.5).
    _ok(client.patch(url, json={"version": item["version"], "competitor_id": rival["id"]},
                     headers=auth))  # fmt: skip
    assert _last_codes(db, trainee)[1] == {"CP1", "CT4", "CP1.5"}

    # A manual item (a fair, a call) keeps the watch up to date; classified and linked, it
    # also shows the other two.
    manual = {"title": "Salon : stand de Rival", "topic": "competitor", "classification": "fact",
              "competitor_id": rival["id"]}  # fmt: skip
    _ok(client.post("/api/v1/watch/items", json=manual, headers=auth), 201)
    assert _last_codes(db, trainee) == (
        "create_item", {"CP1", "CT4", "CP1.3", "CP1.4", "CP1.5"}
    )  # fmt: skip

    # A saved search is an efficient search (CP1.4); looking at its results is not evidence.
    saved = {"name": "Rival", "competitor_id": rival["id"]}
    search = _ok(client.post("/api/v1/watch/searches", json=saved, headers=auth), 201)
    assert _last_codes(db, trainee) == ("create_search", {"CP1", "CT4", "CP1.4"})
    _ok(client.post(f"/api/v1/watch/searches/{search['id']}/seen", headers=auth))
    assert _last_codes(db, trainee)[0] == "create_search"
