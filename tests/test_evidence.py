"""A trainee's successful write that shows something appends evidence, automatically,
atomically and once per thing shown."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.competences.catalogue import get_catalogue
from app.competences.evidence import append_evidence
from app.competences.repository import AssessmentRepository, EvidenceRepository
from app.models import Assessment, AssessmentLevel, EvidenceLink, EvidenceRecord, Role, User
from tests.factories import bearer, make_cohort, make_org, make_user
from tests.routes import operations
from tests.support import with_test_routes


@pytest.fixture
def test_client(app: FastAPI, db: Session):
    with TestClient(with_test_routes(app)) as client:
        yield client


def evidence_of(db: Session, user: User) -> list[tuple[EvidenceRecord, list[str]]]:
    db.expire_all()
    records = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == user.id)
        .order_by(EvidenceRecord.id)
    ).all()
    return [
        (
            r,
            list(
                db.scalars(
                    select(EvidenceLink.code)
                    .where(EvidenceLink.evidence_id == r.id)
                    .order_by(EvidenceLink.code)
                )
            ),
        )
        for r in records
    ]


def test_trainee_write_appends_one_tagged_record(test_client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainee = make_user(db, org, cohort=make_cohort(db, org))
    response = test_client.patch(
        "/api/v1/_test/me/name", json={"full_name": "Nouveau nom"}, headers=bearer(trainee)
    )
    assert response.status_code == 200
    [(record, codes)] = evidence_of(db, trainee)
    assert codes == ["CP3", "CP3.7", "CT3", "CT3.4"]  # CP3.7's twin CT3.4 is credited too
    assert record.action == "rename_me"
    assert record.label == "Renommer mon compte"
    assert record.method == "PATCH"
    assert record.route == "/api/v1/_test/me/name"
    assert (record.resource_type, record.resource_id) == ("users", str(trainee.id))
    assert record.organisation_id == org.id
    assert record.framework_version == "TP-00115/09"
    assert record.request_id == response.headers["x-request-id"]


def test_resource_is_what_the_request_created(test_client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    response = test_client.post("/api/v1/_test/tokens", headers=bearer(trainee))
    [(record, codes)] = evidence_of(db, trainee)
    assert (record.resource_type, record.resource_id) == ("api_tokens", str(response.json()["id"]))
    assert codes == ["CT4"]


def test_a_write_that_changes_nothing_records_nothing(test_client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db), full_name="Même nom")
    assert test_client.post("/api/v1/_test/noop/42", headers=bearer(trainee)).status_code == 200
    renamed = test_client.patch(
        "/api/v1/_test/me/name", json={"full_name": "Même nom"}, headers=bearer(trainee)
    )
    assert renamed.status_code == 200
    assert evidence_of(db, trainee) == []


def test_repeating_an_action_on_the_same_record_adds_nothing(
    test_client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    for name in ("Un", "Deux", "Un", "Trois"):
        response = test_client.patch(
            "/api/v1/_test/me/name", json={"full_name": name}, headers=bearer(trainee)
        )
        assert response.status_code == 200
    [(record, _)] = evidence_of(db, trainee)
    assert record.dedupe_key == f"rename_me|users:{trainee.id}|CP3,CP3.7,CT3,CT3.4"
    # Each record created is a new thing shown.
    for _ in range(2):
        assert test_client.post("/api/v1/_test/tokens", headers=bearer(trainee)).status_code == 201
    assert len(evidence_of(db, trainee)) == 3


def test_the_key_is_unique_per_trainee_in_the_database(db: Session) -> None:
    org = make_org(db)
    one, other = make_user(db, org), make_user(db, org)
    values = {"organisation_id": org.id, "action": "x", "method": "POST", "route": "/",
              "framework_version": "v", "dedupe_key": "x|thing:1|CP1"}  # fmt: skip
    first = append_evidence(db, {**values, "trainee_id": one.id}, ["CP1"])
    assert first is not None
    # The same key again (a double click, two workers): nothing inserted, no error.
    assert append_evidence(db, {**values, "trainee_id": one.id}, ["CP1"]) is None
    assert append_evidence(db, {**values, "trainee_id": other.id}, ["CP1"]) is not None
    assert [codes for _, codes in evidence_of(db, one)] == [["CP1"]]


def test_twins_are_derived_from_the_catalogue_texts() -> None:
    catalogue = get_catalogue()
    pairs = {(ct, cp) for ct, cp in catalogue.twins.items() if ct.startswith("CT")}
    assert pairs == {
        ("CT1.4", "CP5.1"), ("CT1.6", "CP5.2"), ("CT1.10", "CP6.6"), ("CT2.1", "CP3.1"),
        ("CT2.4", "CP6.4"), ("CT3.1", "CP1.3"), ("CT3.2", "CP2.5"), ("CT3.4", "CP3.7"),
        ("CT4.1", "CP5.3"), ("CT4.2", "CP5.4"), ("CT4.3", "CP5.5"), ("CT4.4", "CP5.6"),
        ("CT4.6", "CP2.7"),
    }  # fmt: skip
    for ct, cp in pairs:  # both ways, and truly the same text
        assert catalogue.twins[cp] == ct
        assert catalogue.criterion(ct).text == catalogue.criterion(cp).text  # type: ignore[union-attr]
    assert catalogue.credited(["CT3.1"]) == ["CT3.1", "CP1.3", "CT3", "CP1"]


def test_failed_write_leaves_neither_change_nor_evidence(
    test_client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db), full_name="Avant")
    response = test_client.patch(
        "/api/v1/_test/me/name", json={"full_name": "Après", "fail": True}, headers=bearer(trainee)
    )
    assert response.status_code == 409
    assert evidence_of(db, trainee) == []
    assert db.get(User, trainee.id).full_name == "Avant"  # type: ignore[union-attr]


def test_no_evidence_for_reads_trainers_or_undeclared_routes(
    test_client: TestClient, db: Session
) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    test_client.patch("/api/v1/_test/me/name", json={"full_name": "F"}, headers=bearer(trainer))
    test_client.get("/api/v1/me/portfolio", headers=bearer(trainee))
    test_client.post("/api/v1/api-tokens", json={"name": "cli"}, headers=bearer(trainee))
    assert evidence_of(db, trainee) == []
    assert evidence_of(db, trainer) == []


def test_journal_has_no_update_or_delete_route_nor_method(app: FastAPI) -> None:
    for method, route in operations(app):
        if "evidence" in route.path or "assessments" in route.path:
            assert method not in {"PUT", "PATCH", "DELETE"}, route.path
    for repo in (EvidenceRepository, AssessmentRepository):
        assert not [name for name in dir(repo) if name.startswith(("update", "delete", "remove"))]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE evidence_records SET action = 'x'",
        "DELETE FROM evidence_records",
        "DELETE FROM evidence_links",
        "UPDATE assessments SET comment = 'rewritten'",
        "DELETE FROM assessments",
    ],
)
def test_database_refuses_rewriting_the_journals(
    test_client: TestClient, db: Session, statement: str
) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org)
    test_client.patch("/api/v1/_test/me/name", json={"full_name": "x"}, headers=bearer(trainee))
    db.add(
        Assessment(
            organisation_id=org.id,
            trainee_id=trainee.id,
            criterion_code="CP3.7",
            level=AssessmentLevel.IN_PROGRESS,
            assessor_id=trainer.id,
            framework_version="TP-00115/09",
        )
    )
    db.flush()
    assert len(evidence_of(db, trainee)) == 1
    with pytest.raises(DBAPIError, match="append-only"), db.begin_nested():
        db.execute(text(statement))
