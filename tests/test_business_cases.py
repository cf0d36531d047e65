"""Business cases through the API: drafts, publication, versions, imports and exports,
assignments and the case a trainee works under; bad input leaves nothing written."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseProduct,
    BusinessCaseVersion,
    EvidenceRecord,
    Role,
)
from tests.factories import (
    api_token_bearer,
    bearer,
    make_cohort,
    make_org,
    make_user,
    snapshot,
)

EXAMPLE = Path(__file__).parent / "data" / "business_case_example.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    other_cohort = make_cohort(db, org)
    trainee = make_user(db, org, cohort=cohort)
    mate = make_user(db, org, cohort=cohort)
    stranger = make_user(db, org, cohort=other_cohort)
    admin = make_user(db, org, Role.ADMIN)
    outsider_org = make_org(db)
    outsider = make_user(db, outsider_org, Role.TRAINER)
    return {"org": org, "trainer": trainer, "cohort": cohort, "other_cohort": other_cohort,
            "trainee": trainee, "mate": mate, "stranger": stranger, "admin": admin,
            "outsider": outsider}  # fmt: skip


def create(client: TestClient, user: Any, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    r = client.post("/api/v1/business-cases", json=doc or example(), headers=bearer(user))
    assert r.status_code == 201, r.text
    return r.json()


def publish(client: TestClient, user: Any, case: dict[str, Any]) -> dict[str, Any]:
    r = client.post(f"/api/v1/business-cases/{case['id']}/publish",
                    json={"version": case["version"]}, headers=bearer(user))  # fmt: skip
    assert r.status_code == 201, r.text
    return r.json()


def test_trainer_creates_publishes_and_assigns(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainer, trainee, cohort = world["trainer"], world["trainee"], world["cohort"]
    case = create(client, trainer)
    assert case["status"] == "draft"
    assert case["published_number"] == 0
    assert case["document_version"] == 0
    assert case["products"] == len(example()["catalogue"]["products"])
    # Not yet published: a trainee sees nothing, and it cannot be assigned.
    r = client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                    json={"cohort_id": cohort.id}, headers=bearer(trainer))  # fmt: skip
    assert r.status_code == 409
    version = publish(client, trainer, case)
    assert version["number"] == 1
    products = db.scalars(
        select(BusinessCaseProduct).where(BusinessCaseProduct.version_id == version["id"])
    ).all()
    assert sorted(p.reference for p in products) == sorted(
        p["reference"] for p in example()["catalogue"]["products"]
    )
    r = client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                    json={"cohort_id": cohort.id}, headers=bearer(trainer))  # fmt: skip
    assert r.status_code == 201, r.text
    assert r.json()["cohort_name"] == cohort.name
    # Assigning again is idempotent (200, the same assignment).
    again = client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                        json={"cohort_id": cohort.id}, headers=bearer(trainer))  # fmt: skip
    assert again.status_code == 200
    assert again.json()["id"] == r.json()["id"]
    # The trainee reads the published version, not the draft.
    active = client.get("/api/v1/business-cases/active", headers=bearer(trainee)).json()
    assert active["business_case_id"] == case["id"]
    assert active["version_number"] == 1
    assert active["assigned_through"] == "cohort"
    listed = client.get("/api/v1/business-cases", headers=bearer(trainee)).json()
    assert [c["id"] for c in listed["items"]] == [case["id"]]
    read = client.get(f"/api/v1/business-cases/{case['id']}", headers=bearer(trainee)).json()
    assert read["document_version"] == 1
    # Trainer writes record no evidence (evidence is the trainee's).
    assert db.scalar(select(func.count()).select_from(EvidenceRecord)) == 0


def test_versions_keep_what_was_published(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainer, trainee = world["trainer"], world["trainee"]
    case = create(client, trainer)
    publish(client, trainer, case)
    client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                json={"trainee_id": trainee.id}, headers=bearer(trainer))  # fmt: skip
    case = client.get(f"/api/v1/business-cases/{case['id']}", headers=bearer(trainer)).json()
    doc = example()
    doc["catalogue"]["products"][0]["price_ht"] = "999.00"
    r = client.put(f"/api/v1/business-cases/{case['id']}",
                   json={"version": case["version"], "document": doc}, headers=bearer(trainer))  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["draft_changed"] is True
    # A stale version is refused.
    stale = client.put(f"/api/v1/business-cases/{case['id']}",
                       json={"version": case["version"], "document": doc}, headers=bearer(trainer))  # fmt: skip
    assert stale.status_code == 409
    # The trainee still reads version 1 until the draft is published.
    active = client.get("/api/v1/business-cases/active", headers=bearer(trainee)).json()
    assert active["version_number"] == 1
    assert (
        active["document"]["catalogue"]["products"][0]["price_ht"]
        == example()["catalogue"]["products"][0]["price_ht"]
    )
    v2 = publish(client, trainer, r.json())
    assert v2["number"] == 2
    active = client.get("/api/v1/business-cases/active", headers=bearer(trainee)).json()
    assert active["version_number"] == 2
    assert active["document"]["catalogue"]["products"][0]["price_ht"] == "999.00"
    versions = client.get(
        f"/api/v1/business-cases/{case['id']}/versions", headers=bearer(trainer)
    ).json()
    assert [v["number"] for v in versions] == [2, 1]
    v1 = client.get(
        f"/api/v1/business-cases/{case['id']}/versions/1", headers=bearer(trainee)
    ).json()
    assert (
        v1["document"]["catalogue"]["products"][0]["price_ht"]
        == example()["catalogue"]["products"][0]["price_ht"]
    )
    # Publishing an unchanged draft is refused.
    case = client.get(f"/api/v1/business-cases/{case['id']}", headers=bearer(trainer)).json()
    same = client.post(f"/api/v1/business-cases/{case['id']}/publish",
                       json={"version": case["version"]}, headers=bearer(trainer))  # fmt: skip
    assert same.status_code == 409


def test_own_assignment_wins_and_conflicts_are_named(
    client: TestClient, world: dict[str, Any]
) -> None:
    trainer, trainee, mate, cohort = (
        world["trainer"],
        world["trainee"],
        world["mate"],
        world["cohort"],
    )
    first = create(client, trainer)
    publish(client, trainer, first)
    doc = example()
    doc["identity"]["name"] = "Autre Société"
    second = create(client, trainer, doc)
    publish(client, trainer, second)
    url = "/api/v1/business-cases/{}/assignments"
    assert (
        client.post(
            url.format(first["id"]), json={"cohort_id": cohort.id}, headers=bearer(trainer)
        ).status_code
        == 201
    )
    conflict = client.post(
        url.format(second["id"]), json={"cohort_id": cohort.id}, headers=bearer(trainer)
    )
    assert conflict.status_code == 409
    assert conflict.json()["business_case_id"] == first["id"]
    assert "replace" in conflict.json()["detail"]
    assert (
        client.post(
            url.format(second["id"]), json={"trainee_id": trainee.id}, headers=bearer(trainer)
        ).status_code
        == 201
    )
    assert (
        client.get("/api/v1/business-cases/active", headers=bearer(trainee)).json()[
            "business_case_id"
        ]
        == second["id"]
    )
    assert (
        client.get("/api/v1/business-cases/active", headers=bearer(mate)).json()["business_case_id"]
        == first["id"]
    )
    # The trainee cannot read the cohort's case any more: only their active one.
    assert (
        client.get(f"/api/v1/business-cases/{first['id']}", headers=bearer(trainee)).status_code
        == 404
    )
    # replace=true moves the cohort to the second case.
    moved = client.post(
        url.format(second["id"]),
        json={"cohort_id": cohort.id, "replace": True},
        headers=bearer(trainer),
    )
    assert moved.status_code == 201
    assert (
        client.get("/api/v1/business-cases/active", headers=bearer(mate)).json()["business_case_id"]
        == second["id"]
    )


def test_who_may_do_what(client: TestClient, db: Session, world: dict[str, Any]) -> None:
    trainer, trainee, stranger, outsider = (
        world["trainer"],
        world["trainee"],
        world["stranger"],
        world["outsider"],
    )
    assert (
        client.post("/api/v1/business-cases", json=example(), headers=bearer(trainee)).status_code
        == 403
    )
    case = create(client, trainer)
    publish(client, trainer, case)
    # Another organisation's trainer does not see it.
    assert (
        client.get(f"/api/v1/business-cases/{case['id']}", headers=bearer(outsider)).status_code
        == 404
    )
    # An admin of the organisation writes it too; a REST client with the trainer's token as well.
    admin_case = create(client, world["admin"])
    _, token = api_token_bearer(db, trainer)
    r = client.get(f"/api/v1/business-cases/{admin_case['id']}", headers=token)
    assert r.status_code == 200
    # A trainer assigns only to trainees they follow / cohorts they lead.
    r = client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                    json={"trainee_id": stranger.id}, headers=bearer(trainer))  # fmt: skip
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "trainee_id"
    r = client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                    json={"cohort_id": world["other_cohort"].id}, headers=bearer(trainer))  # fmt: skip
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "cohort_id"
    # A trainee with no case gets a clear 404.
    r = client.get("/api/v1/business-cases/active", headers=bearer(trainee))
    assert r.status_code == 404
    assert "attribu" in r.json()["detail"]
    # A trainer reads the active case of a trainee they follow, not of another.
    client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                json={"trainee_id": trainee.id}, headers=bearer(trainer))  # fmt: skip
    assert (
        client.get(
            f"/api/v1/business-cases/active?trainee_id={trainee.id}", headers=bearer(trainer)
        ).status_code
        == 200
    )
    assert (
        client.get(
            f"/api/v1/business-cases/active?trainee_id={stranger.id}", headers=bearer(trainer)
        ).status_code
        == 404
    )


def test_import_export_round_trip(client: TestClient, db: Session, world: dict[str, Any]) -> None:
    trainer = world["trainer"]
    content = EXAMPLE.read_bytes()
    r = client.post("/api/v1/business-cases/import", files={"file": ("cas.json", content, "application/json")},
                    data={"publish": "true"}, headers=bearer(trainer))  # fmt: skip
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["status"] == "published"
    assert case["published_number"] == 1
    exported = client.get(
        f"/api/v1/business-cases/{case['id']}/export?version=1", headers=bearer(trainer)
    )
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    assert (
        exported.json()
        == client.get(f"/api/v1/business-cases/{case['id']}/export", headers=bearer(trainer)).json()
    )
    # The export imports again as an equal document.
    again = client.post("/api/v1/business-cases/import",
                        files={"file": ("cas.json", exported.content, "application/json")},
                        headers=bearer(trainer)).json()  # fmt: skip
    assert again["document"] == case["document"]
    schema = client.get("/api/v1/business-cases/schema", headers=bearer(trainer)).json()
    assert schema["title"]
    assert "properties" in schema


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            lambda d: d["catalogue"]["products"][0].__setitem__("tva_rate", "19.6"),
            "file.catalogue.products.0.tva_rate",
        ),
        (
            lambda d: d["policy"].__setitem__("payment_terms_days", 90),
            "file.policy.payment_terms_days",
        ),
        (lambda d: d["identity"].__setitem__("siren", "123456789"), "file.identity.siren"),
    ],
)
def test_import_refuses_a_broken_document_and_writes_nothing(
    client: TestClient, db: Session, world: dict[str, Any], mutate: Any, field: str
) -> None:
    doc = copy.deepcopy(example())
    mutate(doc)
    before = snapshot(db)
    r = client.post("/api/v1/business-cases/import",
                    files={"file": ("cas.json", json.dumps(doc).encode(), "application/json")},
                    headers=bearer(world["trainer"]))  # fmt: skip
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert any(e["field"].startswith(field.removeprefix("file.")) or e["field"] == field
               for e in r.json()["errors"]), r.json()  # fmt: skip
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "JSON mal form"),
        (b"[1, 2]", "objet JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b"[" * 100_000, "JSON"),
    ],
)
def test_import_refuses_what_is_not_a_case(
    client: TestClient, db: Session, world: dict[str, Any], content: bytes, message: str
) -> None:
    r = client.post("/api/v1/business-cases/import", files={"file": ("cas.json", content, "application/json")},
                    headers=bearer(world["trainer"]))  # fmt: skip
    assert r.status_code == 422, r.text
    assert message in r.json()["detail"]
    assert db.scalar(select(func.count()).select_from(BusinessCase)) == 0


def test_import_refuses_a_file_too_large(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    big = b" " * (2 * 1024 * 1024 + 10)
    r = client.post("/api/v1/business-cases/import", files={"file": ("cas.json", big, "application/json")},
                    headers=bearer(world["trainer"]))  # fmt: skip
    assert r.status_code == 422
    assert "volumineux" in r.json()["detail"]


def test_archive_and_delete(client: TestClient, db: Session, world: dict[str, Any]) -> None:
    trainer, cohort = world["trainer"], world["cohort"]
    draft = create(client, trainer)
    assert (
        client.delete(f"/api/v1/business-cases/{draft['id']}", headers=bearer(trainer)).status_code
        == 204
    )
    case = create(client, trainer)
    publish(client, trainer, case)
    assert (
        client.delete(f"/api/v1/business-cases/{case['id']}", headers=bearer(trainer)).status_code
        == 409
    )
    a = client.post(f"/api/v1/business-cases/{case['id']}/assignments",
                    json={"cohort_id": cohort.id}, headers=bearer(trainer)).json()  # fmt: skip
    case = client.get(f"/api/v1/business-cases/{case['id']}", headers=bearer(trainer)).json()
    held = client.post(
        f"/api/v1/business-cases/{case['id']}/archive",
        json={"version": case["version"]},
        headers=bearer(trainer),
    )
    assert held.status_code == 409
    assert "attribu" in held.json()["detail"]
    assert (
        client.delete(
            f"/api/v1/business-cases/{case['id']}/assignments/{a['id']}", headers=bearer(trainer)
        ).status_code
        == 204
    )
    archived = client.post(
        f"/api/v1/business-cases/{case['id']}/archive",
        json={"version": case["version"]},
        headers=bearer(trainer),
    )
    assert archived.status_code == 200
    assert archived.json()["status"] == "archived"
    assert db.scalar(select(func.count()).select_from(BusinessCaseVersion)) == 1
    assert db.scalar(select(func.count()).select_from(BusinessCaseAssignment)) == 0
    restored = client.post(f"/api/v1/business-cases/{case['id']}/restore",
                           json={"version": archived.json()["version"]}, headers=bearer(trainer))  # fmt: skip
    assert restored.json()["status"] == "published"
