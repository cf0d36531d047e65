"""``owner_id`` on the list routes: a trainer reads one trainee's file at a time.

The filter only narrows what scoping already lets the caller read; naming somebody the
caller cannot see is a 422 on the field (never an empty list that would look like an
empty file, never somebody else's records). The routes are found from the OpenAPI
document, so a list that gains the parameter is covered here too.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role
from tests.factories import bearer, make_cohort, make_org, make_user, owned_records

EXPORT = "/api/v1/prospects/export"


def owner_filtered_lists(client: TestClient, *, json_only: bool = True) -> list[str]:
    """The GET routes taking ``owner_id``; with ``json_only``, those answering JSON (the
    export streams a file: checked on its own below)."""
    spec = client.get("/openapi.json").json()
    paths = []
    for path, item in spec["paths"].items():
        params = item.get("get", {}).get("parameters", [])
        if any(p["name"] == "owner_id" and p["in"] == "query" for p in params):
            if not (json_only and path == EXPORT):
                paths.append(path)
    return sorted(paths)


def rows(body: dict[str, Any]) -> list[dict[str, Any]]:
    # A page has ``items``; the competitors' matrix lists its ``competitors``.
    return body["items"] if "items" in body else body["competitors"]


@pytest.fixture
def cohort(db: Session) -> dict[str, Any]:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainer = make_user(db, org, Role.TRAINER)
    led = make_cohort(db, org, trainers=[trainer])
    other = make_cohort(db, org)
    a = make_user(db, org, cohort=led)
    b = make_user(db, org, cohort=led)
    c = make_user(db, org, cohort=other)
    for trainee in (a, b, c):
        owned_records(db, trainee)
    db.commit()
    return {"admin": admin, "trainer": trainer, "a": a, "b": b, "c": c}


def test_the_lists_that_take_an_owner(client: TestClient) -> None:
    assert owner_filtered_lists(client, json_only=False) == [
        "/api/v1/analyses",
        "/api/v1/cases",
        "/api/v1/client-messages",
        "/api/v1/competitors",
        "/api/v1/competitors/matrix",
        "/api/v1/complaints",
        "/api/v1/deliveries",
        "/api/v1/escalations",
        "/api/v1/exercise-runs",
        "/api/v1/invoices",
        "/api/v1/loyalty-campaigns",
        "/api/v1/loyalty-events",
        "/api/v1/loyalty/messages",
        "/api/v1/notes",
        "/api/v1/offers",
        "/api/v1/opportunities",
        "/api/v1/orders",
        "/api/v1/plans",
        "/api/v1/presentations",
        "/api/v1/prospects",
        EXPORT,
        "/api/v1/quotes",
        "/api/v1/relaunch-plans",
        "/api/v1/social/actions",
        "/api/v1/social/posts",
        "/api/v1/social/stats",
        "/api/v1/surveys",
        "/api/v1/tasks",
        "/api/v1/tours",
        "/api/v1/watch/items",
        "/api/v1/watch/sources",
    ]


def test_a_trainer_reads_one_followed_trainee_at_a_time(
    client: TestClient, cohort: dict[str, Any]
) -> None:
    trainer, a, b = cohort["trainer"], cohort["a"], cohort["b"]
    for path in owner_filtered_lists(client):
        unfiltered = client.get(path, headers=bearer(trainer))
        assert unfiltered.status_code == 200, (path, unfiltered.text)
        assert {r["owner_id"] for r in rows(unfiltered.json())} == {a.id, b.id}, path
        for trainee in (a, b):
            response = client.get(path, params={"owner_id": trainee.id}, headers=bearer(trainer))
            assert response.status_code == 200, (path, response.text)
            found = rows(response.json())
            assert found, path
            assert {r["owner_id"] for r in found} == {trainee.id}, path
            if "total" in response.json():
                assert response.json()["total"] == len(found), path


@pytest.mark.parametrize(
    ("caller", "owner"),
    [
        ("trainer", "c"),  # a trainee of a cohort the trainer does not lead
        ("a", "b"),  # a trainee naming a fellow trainee
        ("a", "trainer"),  # ... or their trainer
    ],
)
def test_naming_somebody_the_caller_cannot_see_is_a_field_error(
    client: TestClient, cohort: dict[str, Any], caller: str, owner: str
) -> None:
    for path in owner_filtered_lists(client):
        response = client.get(
            path, params={"owner_id": cohort[owner].id}, headers=bearer(cohort[caller])
        )
        assert response.status_code == 422, (path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        [error] = response.json()["errors"]
        assert error["field"] == "owner_id"
        assert error["location"] == "query"
        assert "introuvable" in error["message"]


def test_the_filter_never_widens_the_scope(client: TestClient, cohort: dict[str, Any]) -> None:
    a, admin, trainer, c = cohort["a"], cohort["admin"], cohort["trainer"], cohort["c"]
    for path in owner_filtered_lists(client):
        own = client.get(path, params={"owner_id": a.id}, headers=bearer(a))
        assert own.status_code == 200
        assert {r["owner_id"] for r in rows(own.json())} == {a.id}
        # The trainer's own (empty) file: readable, and nobody else's records in it.
        mine = client.get(path, params={"owner_id": trainer.id}, headers=bearer(trainer))
        assert mine.status_code == 200, path
        assert rows(mine.json()) == [], path
        # The admin reads every trainee of the organisation, one at a time too.
        theirs = client.get(path, params={"owner_id": c.id}, headers=bearer(admin))
        assert theirs.status_code == 200, path
        assert {r["owner_id"] for r in rows(theirs.json())} == {c.id}, path
    bad = client.get("/api/v1/prospects", params={"owner_id": 0}, headers=bearer(a))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "owner_id"


def test_a_trainer_exports_one_trainees_file(client: TestClient, cohort: dict[str, Any]) -> None:
    trainer, a = cohort["trainer"], cohort["a"]
    both = client.get(EXPORT, headers=bearer(trainer))
    one = client.get(EXPORT, params={"owner_id": a.id}, headers=bearer(trainer))
    assert both.status_code == 200
    assert one.status_code == 200
    # A header line and one line per prospect (owned_records gives each trainee one).
    assert len(both.text.strip().splitlines()) == 3
    assert len(one.text.strip().splitlines()) == 2
    refused = client.get(EXPORT, params={"owner_id": cohort["c"].id}, headers=bearer(trainer))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "owner_id"
