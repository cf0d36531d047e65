"""Watch sources and competitor records (CP1): validation, scoping, freshness, matrix."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import EvidenceLink, EvidenceRecord, User, WatchSource
from tests.factories import bearer, make_org, make_user

FEED = {"name": "LSA — Grande consommation", "kind": "rss", "url": "https://www.lsa-conso.fr/rss",
        "topic": "market", "cadence": "daily", "reliability": 4,
        "reliability_reason": "Presse professionnelle, sources citées"}  # fmt: skip


def _fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.text
    return [e["field"] for e in response.json()["errors"]]


def test_sources_are_validated_scoped_and_evidence(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    created = client.post("/api/v1/watch/sources", json=FEED, headers=bearer(trainee))
    assert created.status_code == 201, created.text
    source = created.json()
    assert (source["status"], source["freshness"]) == ("ok", "never")
    assert source["next_due_at"] is not None  # due at once
    codes = db.scalars(
        select(EvidenceLink.code)
        .join(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == trainee.id)
    ).all()
    assert {"CP1", "CP1.1", "CP1.2"} <= set(codes)
    # Bad input, naming the field.
    assert "url" in _fields(client.post("/api/v1/watch/sources", json={**FEED, "url": None},
                                        headers=bearer(trainee)))  # fmt: skip
    assert "url" in _fields(client.post("/api/v1/watch/sources",
                                        json={**FEED, "url": "ftp://exemple.fr/flux"},
                                        headers=bearer(trainee)))  # fmt: skip
    assert "reliability" in _fields(client.post("/api/v1/watch/sources",
                                                json={**FEED, "reliability": 6},
                                                headers=bearer(trainee)))  # fmt: skip
    assert "reliability_reason" in _fields(client.post(
        "/api/v1/watch/sources", json={**FEED, "reliability_reason": ""}, headers=bearer(trainee)))  # fmt: skip
    assert "topic" in _fields(client.post("/api/v1/watch/sources", json={**FEED, "topic": "x"},
                                          headers=bearer(trainee)))  # fmt: skip
    # A newsletter has no address to fetch: fine without one, never due.
    letter = client.post("/api/v1/watch/sources", json={**FEED, "kind": "newsletter", "url": None},
                         headers=bearer(trainee)).json()  # fmt: skip
    assert letter["next_due_at"] is None
    assert letter["freshness"] == "never"
    # It is kept up to date by hand: an item recorded from it is its latest reading.
    note = client.post("/api/v1/watch/items", json={"title": "Lettre de novembre",
                                                    "topic": "market", "source_id": letter["id"]},
                       headers=bearer(trainee))  # fmt: skip
    assert note.status_code == 201, note.text
    letter = client.get(f"/api/v1/watch/sources/{letter['id']}", headers=bearer(trainee)).json()
    assert (letter["freshness"], letter["next_due_at"]) == ("on_time", None)
    assert letter["last_fetched_at"] is not None
    # Another trainee's competitor cannot be linked; another trainee cannot see the source.
    other = make_user(db, make_org(db))
    theirs = client.post("/api/v1/competitors", json={"name": "Rival"}, headers=bearer(other))
    assert "competitor_id" in _fields(client.post(
        "/api/v1/watch/sources", json={**FEED, "competitor_id": theirs.json()["id"]},
        headers=bearer(trainee)))  # fmt: skip
    assert client.get(f"/api/v1/watch/sources/{source['id']}",
                      headers=bearer(other)).status_code == 404  # fmt: skip
    listed = client.get("/api/v1/watch/sources?kind=rss", headers=bearer(trainee)).json()
    assert [s["id"] for s in listed["items"]] == [source["id"]]


def test_pause_freshness_and_versions(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    source = client.post("/api/v1/watch/sources", json=FEED, headers=bearer(trainee)).json()
    url = f"/api/v1/watch/sources/{source['id']}"
    paused = client.patch(url, json={"version": source["version"], "paused": True},
                          headers=bearer(trainee))  # fmt: skip
    assert paused.status_code == 200, paused.text
    assert (paused.json()["status"], paused.json()["next_due_at"]) == ("paused", None)
    stale = client.patch(url, json={"version": source["version"], "reliability": 2},
                         headers=bearer(trainee))  # fmt: skip
    assert stale.status_code == 409
    resumed = client.patch(url, json={"version": paused.json()["version"], "paused": False,
                                      "reliability": 2, "reliability_reason": "Trop de pub"},
                           headers=bearer(trainee)).json()  # fmt: skip
    assert (resumed["status"], resumed["reliability"]) == ("ok", 2)
    assert "name" in _fields(client.patch(url, json={"version": resumed["version"], "name": None},
                                          headers=bearer(trainee)))  # fmt: skip
    # Freshness against the cadence (daily here).
    row = db.get(WatchSource, source["id"])
    assert row is not None
    row.last_fetched_at = utcnow() - timedelta(hours=3)
    db.commit()
    assert client.get(url, headers=bearer(trainee)).json()["freshness"] == "on_time"
    row.last_fetched_at = utcnow() - timedelta(days=2)
    db.commit()
    assert client.get(url, headers=bearer(trainee)).json()["freshness"] == "late"
    assert client.delete(url, headers=bearer(trainee)).status_code == 204
    assert client.get(url, headers=bearer(trainee)).status_code == 404


def _competitor(client: TestClient, user: User, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/v1/competitors", json=fields, headers=bearer(user))
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_competitors_and_their_matrix(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    a = _competitor(client, trainee, name="Batimat Pro", price_level="low",
                    channels=["magasin", "web"], strengths="Prix",
                    differentiation="Conseil sur site")  # fmt: skip
    b = _competitor(client, trainee, name="Artisans Réunis", price_level="premium",
                    quality="Finitions haut de gamme", weaknesses="Délais")  # fmt: skip
    matrix = client.get("/api/v1/competitors/matrix", headers=bearer(trainee)).json()
    assert [c["name"] for c in matrix["competitors"]] == ["Artisans Réunis", "Batimat Pro"]
    rows = {r["axis"]: r["values"] for r in matrix["rows"]}
    assert rows["price_level"] == {str(a["id"]): "low", str(b["id"]): "premium"}
    assert rows["channels"][str(a["id"])] == "magasin, web"
    assert rows["differentiation"][str(a["id"])] == "Conseil sur site"
    assert "website" in _fields(client.post("/api/v1/competitors",
                                            json={"name": "X", "website": "javascript:alert(1)"},
                                            headers=bearer(trainee)))  # fmt: skip
    patched = client.patch(f"/api/v1/competitors/{a['id']}",
                           json={"version": a["version"], "weaknesses": "SAV lent"},
                           headers=bearer(trainee))  # fmt: skip
    assert patched.json()["weaknesses"] == "SAV lent"
    # Linked sources and items show on the record, in the list and in the matrix.
    feed = client.post("/api/v1/watch/sources", json={**FEED, "competitor_id": a["id"]},
                       headers=bearer(trainee)).json()  # fmt: skip
    for title in ("Batimat ouvre un dépôt", "Batimat baisse ses prix"):
        assert client.post("/api/v1/watch/items", json={"title": title, "topic": "competitor",
                                                        "competitor_id": a["id"]},
                           headers=bearer(trainee)).status_code == 201  # fmt: skip
    record = client.get(f"/api/v1/competitors/{a['id']}", headers=bearer(trainee)).json()
    assert [(s["id"], s["name"]) for s in record["sources"]] == [(feed["id"], FEED["name"])]
    assert record["item_count"] == 2
    assert record["last_item_at"] is not None
    listed = client.get("/api/v1/competitors", headers=bearer(trainee)).json()["items"]
    assert [(c["name"], c["item_count"], len(c["sources"])) for c in listed] == [
        ("Artisans Réunis", 0, 0), ("Batimat Pro", 2, 1)
    ]  # fmt: skip
    matrix = client.get("/api/v1/competitors/matrix", headers=bearer(trainee)).json()
    rows = {r["axis"]: r["values"] for r in matrix["rows"]}
    assert rows["item_count"] == {str(a["id"]): "2", str(b["id"]): "0"}
    by_competitor = client.get(f"/api/v1/watch/sources?competitor_id={a['id']}",
                               headers=bearer(trainee)).json()  # fmt: skip
    assert [s["id"] for s in by_competitor["items"]] == [feed["id"]]
    other = make_user(db, make_org(db))
    assert client.get("/api/v1/competitors/matrix", headers=bearer(other)).json()["rows"][0][
        "values"] == {}  # fmt: skip
    assert client.delete(f"/api/v1/competitors/{a['id']}", headers=bearer(other)).status_code == 404
    assert (
        client.delete(f"/api/v1/competitors/{a['id']}", headers=bearer(trainee)).status_code == 204
    )
