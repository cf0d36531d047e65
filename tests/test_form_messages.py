"""What a form shows beside its fields: blank required fields, dates in plain French, an
appointment in the past (refused with its reason unless marked as a past record), and
prospect files kept by trainees only (issue 13, web client defects 4 and 10)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import Role
from tests.factories import bearer, make_org, make_prospect, make_user


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_blank_required_fields_say_so(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    # An empty name (min_length 1), a blank one (stripped) and an empty date.
    for name in ("", "   "):
        response = client.post(
            "/api/v1/prospects", json={"kind": "company", "name": name}, headers=bearer(trainee)
        )
        assert errors_of(response)["name"] == "Champ obligatoire."
    prospect = make_prospect(db, trainee)
    response = client.post(
        "/api/v1/appointments",
        json={"prospect_id": prospect.id, "starts_at": ""},
        headers=bearer(trainee),
    )
    assert errors_of(response)["starts_at"] == "Champ obligatoire."
    # A text too short but not blank keeps its own message (min_length 3).
    response = client.post(
        "/api/v1/watch/sources",
        json={"name": "Flux", "kind": "manual", "topic": "market", "cadence": "weekly",
              "reliability": 3, "reliability_reason": "ok"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert errors_of(response)["reliability_reason"] == "Trop court (au moins 3 caractère(s))."


def test_dates_are_explained_in_plain_french(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    prospect = make_prospect(db, trainee)
    bad_date = client.patch(
        f"/api/v1/prospects/{prospect.id}",
        json={"version": prospect.version, "next_contact_on": "31/02/2026"},
        headers=bearer(trainee),
    )
    message = errors_of(bad_date)["next_contact_on"]
    assert message == "Date invalide : saisissez une date, par exemple 2026-12-31."
    bad_moment = client.post(
        "/api/v1/appointments",
        json={"prospect_id": prospect.id, "starts_at": "demain matin"},
        headers=bearer(trainee),
    )
    message = errors_of(bad_moment)["starts_at"]
    assert message == "Date et heure invalides : saisissez par exemple 2026-12-31 14:30."


def test_an_appointment_in_the_past_is_refused_with_its_reason(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    prospect = make_prospect(db, trainee)
    yesterday = (utcnow() - timedelta(days=1)).isoformat()
    refused = client.post(
        "/api/v1/appointments",
        json={"prospect_id": prospect.id, "starts_at": yesterday},
        headers=bearer(trainee),
    )
    message = errors_of(refused)["starts_at"]
    assert "avant maintenant" in message
    assert "rendez-vous passé" in message
    listed = client.get(
        "/api/v1/appointments", params={"prospect_id": prospect.id}, headers=bearer(trainee)
    ).json()
    assert listed["total"] == 0  # nothing half-written
    # Marked as the record of a meeting that took place: accepted, and entered as done.
    recorded = client.post(
        "/api/v1/appointments",
        json={"prospect_id": prospect.id, "starts_at": yesterday, "past_record": True},
        headers=bearer(trainee),
    )
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["status"] == "done"
    # A few minutes late is still "now" (the form filled in as the meeting starts).
    just_now = (utcnow() - timedelta(minutes=5)).isoformat()
    planned = client.post(
        "/api/v1/appointments",
        json={"prospect_id": prospect.id, "starts_at": just_now},
        headers=bearer(trainee),
    )
    assert planned.status_code == 201, planned.text
    assert planned.json()["status"] == "planned"
    # Moving a planned appointment into the past is refused the same way.
    moved = client.patch(
        f"/api/v1/appointments/{planned.json()['id']}",
        json={"version": planned.json()["version"], "starts_at": yesterday},
        headers=bearer(trainee),
    )
    assert "avant maintenant" in errors_of(moved)["starts_at"]


def test_an_appointment_taken_in_a_call_comes_after_the_call(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    prospect = make_prospect(db, trainee)
    path = f"/api/v1/prospects/{prospect.id}/interactions"
    call = {"channel": "visit", "outcome": "appointment"}
    before_call = client.post(
        path,
        json={**call, "occurred_at": "2026-11-20T10:00:00+01:00",
              "appointment": {"starts_at": "2026-11-19T10:00:00+01:00"}},
        headers=bearer(trainee),
    )  # fmt: skip
    message = errors_of(before_call)["appointment.starts_at"]
    assert "le 19/11/2026 à 10:00, avant l'échange" in message
    after_call = client.post(
        path,
        json={**call, "occurred_at": "2026-11-20T10:00:00+01:00",
              "appointment": {"starts_at": "2026-11-24T10:00:00+01:00"}},
        headers=bearer(trainee),
    )  # fmt: skip
    assert after_call.status_code == 201, after_call.text


def test_staff_keep_no_prospect_file(client: TestClient, db: Session) -> None:
    org = make_org(db)
    for role in (Role.ADMIN, Role.TRAINER):
        staff = make_user(db, org, role)
        response = client.post(
            "/api/v1/prospects", json={"kind": "company", "name": "Essai"}, headers=bearer(staff)
        )
        assert response.status_code == 403, response.text
        assert "Seuls les stagiaires" in response.json()["detail"]
