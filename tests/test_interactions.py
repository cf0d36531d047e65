"""Interactions go through the channel policy; appointments; follow-up dates; evidence."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    ConsentChannel,
    ConsentStatus,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    ProspectKind,
    User,
)
from tests.factories import bearer, make_consent, make_contact, make_org, make_prospect, make_user

CALL = {"channel": "phone", "outcome": "callback", "next_contact_on": "2026-12-10"}


def post(client: TestClient, user: User, prospect_id: int, **body: Any):
    return client.post(
        f"/api/v1/prospects/{prospect_id}/interactions", json=body, headers=bearer(user)
    )


def interactions_of(db: Session, prospect_id: int) -> int:
    db.expire_all()
    return (
        db.scalar(select(func.count(Interaction.id)).where(Interaction.prospect_id == prospect_id))
        or 0
    )


def last_codes(db: Session, user: User) -> set[str]:
    db.expire_all()
    record = db.scalar(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == user.id)
        .order_by(EvidenceRecord.id.desc())
    )
    assert record is not None
    return set(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == record.id)))


def test_consumer_call_without_consent_is_refused_and_nothing_is_written(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Jeanne Petit",
                           phone="+33611223344", status="suspect")  # fmt: skip
    response = post(client, trainee, person.id, **CALL, occurred_at="2026-11-26T10:00:00+01:00")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:capvente:problem:channel-policy:b2c-phone-requires-consent"
    assert problem["rule"] == "b2c-phone-requires-consent"
    assert "11 août 2026" in problem["detail"]
    assert "postal" in problem["allowed_channels"]
    assert "phone" not in problem["allowed_channels"]
    assert interactions_of(db, person.id) == 0
    db.refresh(person)
    assert person.status.value == "suspect"
    assert person.last_contact_at is None
    assert (
        db.scalar(select(EvidenceRecord.id).where(EvidenceRecord.trainee_id == trainee.id)) is None
    )


def test_consumer_call_with_consent_is_recorded_with_its_rule(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, status="suspect")
    make_consent(db, person, ConsentChannel.PHONE, ConsentStatus.GRANTED)
    response = post(client, trainee, person.id, **CALL, notes="Rappeler mardi", duration_minutes=4)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["policy_rule"] == "b2c-phone-consent"
    db.refresh(person)
    assert person.status.value == "prospect"  # a suspect reached becomes a prospect
    assert str(person.next_contact_on) == "2026-12-10"
    assert person.last_contact_at is not None
    assert last_codes(db, trainee) == {
        "CP3",
        "CP3.1",
        "CP3.7",
        "CT2",
        "CT2.1",
        "CT3",
        "CT3.4",
    }  # with their twins


def test_old_regime_needs_a_recent_bloctel_check(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, phone="+33611223344")
    before = {**CALL, "occurred_at": "2026-06-01T10:00:00+02:00"}
    stale = post(client, trainee, person.id, **before)
    assert stale.json()["rule"] == "b2c-phone-bloctel-stale"
    upload = client.post(
        "/api/v1/privacy/bloctel",
        files={"file": ("bloctel.txt", b"06 99 99 99 99\n", "text/plain")},
        data={"checked_on": "2026-05-20"},
        headers=bearer(trainee),
    )
    assert upload.status_code == 201, upload.text
    allowed = post(client, trainee, person.id, **before)
    assert allowed.status_code == 201, allowed.text
    assert allowed.json()["policy_rule"] == "b2c-phone-opt-out"


def test_next_contact_date_is_required_unless_the_file_is_closed(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    company = make_prospect(db, trainee)
    missing = post(client, trainee, company.id, channel="phone", outcome="callback")
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "next_contact_on"
    closed = post(client, trainee, company.id, channel="phone", outcome="not_interested")
    assert closed.status_code == 201
    db.refresh(company)
    assert company.next_contact_on is None


def test_appointment_outcome_creates_an_appointment(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    company = make_prospect(db, trainee, address="3 place Bellecour", postcode="69002",
                            city="Lyon", latitude=45.757, longitude=4.832, status="suspect")  # fmt: skip
    contact = make_contact(db, company)
    without = post(client, trainee, company.id, channel="phone", outcome="appointment")
    assert without.status_code == 422
    assert without.json()["errors"][0]["field"] == "appointment"
    # A call logged afterwards: the appointment it set comes after the call (not after now).
    response = post(
        client, trainee, company.id, channel="phone", outcome="appointment", contact_id=contact.id,
        occurred_at="2026-12-01T10:00:00+01:00",
        appointment={"starts_at": "2026-12-03T14:30:00+01:00", "duration_minutes": 45},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    appointment_id = response.json()["appointment_id"]
    assert appointment_id
    appointment = client.get(
        f"/api/v1/appointments/{appointment_id}", headers=bearer(trainee)
    ).json()
    assert appointment["place"] == "3 place Bellecour, 69002 Lyon"
    assert appointment["latitude"] == 45.757
    assert appointment["contact_id"] == contact.id
    assert appointment["starts_at"] == "2026-12-03T13:30:00Z"
    assert appointment["prospect_name"] == company.name
    listed = client.get(
        "/api/v1/appointments?starts_after=2026-12-01T00:00:00Z", headers=bearer(trainee)
    ).json()
    assert listed["total"] == 1
    # The list names each appointment's prospect (a calendar or a tour planner shows it).
    assert listed["items"][0]["prospect_name"] == company.name
    db.refresh(company)
    assert str(company.next_contact_on) == "2026-12-03"
    assert "CP3.2" in last_codes(db, trainee)


def test_qualification_and_accessibility_are_evidence(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    company = make_prospect(db, trainee, status="prospect")
    response = post(
        client, trainee, company.id, channel="visit", outcome="qualified",
        needs="Renouveler le parc d'imprimantes", budget="8 000 €", authority="Gérante",
        timing="T1 2027", accessibility_needs="La gérante est malentendante",
        accessibility_adaptation="Échanges écrits et visio sous-titrée",
        next_step="Envoyer la proposition", next_contact_on="2026-12-15",
    )  # fmt: skip
    assert response.status_code == 201, response.text
    db.refresh(company)
    assert company.status.value == "qualified"
    assert last_codes(db, trainee) >= {"CP3.6", "CP3.1", "CT2.5", "CP6.8", "CT2", "CP6"}


def test_inbound_contact_is_not_policed_and_feeds_retention(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL)
    response = post(client, trainee, person.id, channel="phone", direction="inbound",
                    outcome="info_sent", next_contact_on="2026-12-01")  # fmt: skip
    assert response.status_code == 201
    assert response.json()["policy_rule"] is None
    db.refresh(person)
    assert person.last_inbound_contact_at is not None


def test_references_must_belong_to_the_prospect(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    a, b = make_prospect(db, trainee), make_prospect(db, trainee)
    contact_of_b = make_contact(db, b)
    wrong = post(client, trainee, a.id, **CALL, contact_id=contact_of_b.id)
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "contact_id"
    campaign = client.post(
        "/api/v1/campaigns", json={"name": "Relance", "channel": "phone"}, headers=bearer(trainee)
    ).json()
    not_member = post(client, trainee, a.id, **CALL, campaign_id=campaign["id"])
    assert not_member.status_code == 422
    assert not_member.json()["errors"][0]["field"] == "campaign_id"
    naive = post(client, trainee, a.id, **CALL, occurred_at="2026-11-26T10:00:00")
    assert naive.status_code == 422


def test_appointments_crud(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    company = make_prospect(db, trainee, latitude=45.7, longitude=4.8)
    created = client.post(
        "/api/v1/appointments",
        json={"prospect_id": company.id, "starts_at": (utcnow() + timedelta(days=7)).isoformat(),
              "duration_minutes": 30, "place": "Sur site"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert created.status_code == 201, created.text
    appointment = created.json()
    path = f"/api/v1/appointments/{appointment['id']}"
    done = client.patch(path, json={"version": 1, "status": "done"}, headers=bearer(trainee))
    assert done.json()["status"] == "done"
    emptied = client.patch(path, json={"version": 2, "starts_at": None}, headers=bearer(trainee))
    assert emptied.status_code == 422
    assert client.delete(path, headers=bearer(trainee)).status_code == 204
