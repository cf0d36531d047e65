"""The watch digest: the period's items per topic, competitor moves, most relevant items, late
sources; JSON, Markdown (escaped) and HTML (autoescaped)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import WatchSource, WatchSourceStatus
from tests.factories import bearer, make_org, make_user


def test_the_weekly_digest(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    h = bearer(trainee)
    rival = client.post("/api/v1/competitors", json={"name": "Rival <b>SA</b>"}, headers=h).json()
    now = utcnow()
    recent = (now - timedelta(days=2)).isoformat()
    old = (now - timedelta(days=20)).isoformat()
    move = client.post("/api/v1/watch/items", json={
        "title": "Rival baisse ses prix | -10 %", "topic": "competitor", "relevance": 5,
        "competitor_id": rival["id"], "published_at": recent}, headers=h).json()  # fmt: skip
    client.post("/api/v1/watch/items", json={"title": "Nouveau décret", "topic": "regulation",
                "relevance": 2, "published_at": recent}, headers=h)  # fmt: skip
    client.post("/api/v1/watch/items", json={"title": "Vieux sujet", "topic": "market",
                "published_at": old}, headers=h)  # fmt: skip
    feed = client.post("/api/v1/watch/sources", json={
        "name": "Flux en panne", "kind": "rss", "url": "https://exemple.fr/rss", "topic": "market",
        "cadence": "daily", "reliability": 3, "reliability_reason": "Blog reconnu"},
        headers=h).json()  # fmt: skip
    row = db.get(WatchSource, feed["id"])
    assert row is not None
    row.status, row.last_error = WatchSourceStatus.ERROR, "Délai dépassé"
    db.commit()

    week = client.get("/api/v1/watch/digest", headers=h)
    assert week.status_code == 200, week.text
    body = week.json()
    assert (body["period"], body["new_items"], body["unread"]) == ("week", 2, 2)
    assert body["per_topic"]["competitor"] == 1
    assert body["per_topic"]["regulation"] == 1
    assert body["per_topic"]["market"] == 0  # the old item is outside the week
    assert [m["item_id"] for m in body["competitor_moves"]] == [move["id"]]
    assert body["most_relevant"][0]["id"] == move["id"]
    assert [s["name"] for s in body["late_sources"]] == ["Flux en panne"]
    month = client.get("/api/v1/watch/digest?period=month", headers=h).json()
    assert month["new_items"] == 3

    markdown = client.get("/api/v1/watch/digest?format=markdown", headers=h)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "Rival baisse ses prix \\| -10 %" in markdown.text  # escaped for Markdown
    assert "Flux en panne : erreur — Délai dépassé" in markdown.text
    html = client.get("/api/v1/watch/digest?format=html", headers=h)
    assert html.headers["content-type"].startswith("text/html")
    assert "Rival &lt;b&gt;SA&lt;/b&gt;" in html.text  # autoescaped
    assert "<b>SA</b>" not in html.text
    assert client.get("/api/v1/watch/digest?period=year", headers=h).status_code == 422
    empty = make_user(db, make_org(db))
    quiet = client.get("/api/v1/watch/digest?format=markdown", headers=bearer(empty)).text
    assert "Aucun mouvement relevé" in quiet
    assert "Toutes les sources sont à jour" in quiet
