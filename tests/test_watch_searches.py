"""Saved searches of the watch: criteria checked, matches and what is new since last seen,
their items, edits, and nobody else's searches."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import WatchSearch
from tests.factories import bearer, make_org, make_user

SEARCHES = "/api/v1/watch/searches"
ITEMS = "/api/v1/watch/items"


def _ok(response: Any, code: int = 200) -> dict[str, Any]:
    assert response.status_code == code, response.text
    return dict(response.json()) if response.content else {}


def _errors(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [(e["field"], e["message"]) for e in response.json()["errors"]]


def test_a_saved_search_counts_its_matches_and_what_is_new(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    auth = bearer(trainee)
    rival = _ok(client.post("/api/v1/competitors", json={"name": "Rival"}, headers=auth), 201)

    def item(title: str, **extra: Any) -> dict[str, Any]:
        body = {"title": title, "topic": "competitor", **extra}
        return _ok(client.post(ITEMS, json=body, headers=auth), 201)

    item("Rival baisse ses prix de 10 %", competitor_id=rival["id"])
    item("Rival ouvre une agence à Vienne", competitor_id=rival["id"])
    item("Tarifs de l'énergie : hausse prévue", topic="market")

    search = _ok(client.post(SEARCHES, json={"name": "Prix de Rival", "q": "PRIX",
                                             "competitor_id": rival["id"]},
                             headers=auth), 201)  # fmt: skip
    assert (search["matches"], search["new_matches"]) == (1, 1)  # never looked at: all new
    everything = _ok(client.post(SEARCHES, json={"name": "Concurrence", "topic": "competitor"},
                                 headers=auth), 201)  # fmt: skip
    assert everything["matches"] == 2

    found = _ok(client.get(f"{SEARCHES}/{everything['id']}/items", headers=auth))
    assert [i["title"] for i in found["items"]] == [
        "Rival ouvre une agence à Vienne", "Rival baisse ses prix de 10 %"
    ]  # fmt: skip
    assert found["total"] == 2

    seen = _ok(client.post(f"{SEARCHES}/{everything['id']}/seen", headers=auth))
    assert (seen["matches"], seen["new_matches"]) == (2, 0)
    assert seen["last_seen_at"] is not None
    item("Rival recrute 3 commerciaux", competitor_id=rival["id"])
    listed = _ok(client.get(SEARCHES, headers=auth))
    assert [(s["name"], s["matches"], s["new_matches"]) for s in listed["items"]] == [
        ("Concurrence", 3, 1), ("Prix de Rival", 1, 1)
    ]  # fmt: skip

    # Edit: the words go, the competitor stays; a criterion cleared is a criterion gone.
    edited = _ok(client.patch(f"{SEARCHES}/{search['id']}",
                              json={"version": search["version"], "q": None},
                              headers=auth))  # fmt: skip
    assert edited["q"] is None
    assert edited["matches"] == 3
    # Clearing the last criterion is refused, and the search is left as it was.
    refused = client.patch(f"{SEARCHES}/{search['id']}",
                           json={"version": edited["version"], "competitor_id": None},
                           headers=auth)  # fmt: skip
    assert [f for f, _ in _errors(refused)] == ["q"]
    db.expire_all()
    row = db.get(WatchSearch, search["id"])
    assert row is not None
    assert row.competitor_id == rival["id"]
    assert _ok(client.delete(f"{SEARCHES}/{search['id']}", headers=auth), 204) == {}
    assert client.get(f"{SEARCHES}/{search['id']}", headers=auth).status_code == 404


def test_bad_searches_are_refused_with_the_field(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainee, other = make_user(db, org), make_user(db, org)
    auth = bearer(trainee)
    theirs = _ok(client.post("/api/v1/competitors", json={"name": "Autre"},
                             headers=bearer(other)), 201)  # fmt: skip
    no_criterion = _errors(client.post(SEARCHES, json={"name": "Vide", "q": "  "}, headers=auth))
    assert no_criterion[0][0] == "q"
    assert "au moins un critère" in no_criterion[0][1]
    assert [f for f, _ in _errors(client.post(SEARCHES, json={"name": "", "topic": "market"},
                                              headers=auth))] == ["name"]  # fmt: skip
    assert [f for f, _ in _errors(client.post(SEARCHES, json={"name": "X", "topic": "météo"},
                                              headers=auth))] == ["topic"]  # fmt: skip
    foreign = client.post(SEARCHES, json={"name": "X", "competitor_id": theirs["id"]}, headers=auth)
    assert [f for f, _ in _errors(foreign)] == ["competitor_id"]
    assert db.scalars(select(WatchSearch)).all() == []  # nothing half-written

    # Another trainee's search is not there for me.
    mine = _ok(client.post(SEARCHES, json={"name": "Marché", "topic": "market"}, headers=auth),
               201)  # fmt: skip
    for method, path in [("GET", f"{SEARCHES}/{mine['id']}"),
                         ("GET", f"{SEARCHES}/{mine['id']}/items"),
                         ("POST", f"{SEARCHES}/{mine['id']}/seen"),
                         ("DELETE", f"{SEARCHES}/{mine['id']}")]:  # fmt: skip
        assert client.request(method, path, headers=bearer(other)).status_code == 404, path
    assert _ok(client.get(SEARCHES, headers=bearer(other)))["items"] == []
