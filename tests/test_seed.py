"""The demo seed: the accounts of the issue, deterministic and idempotent.

The seed runs once per run, into the template (tests/conftest.py): these tests read what it
did and the world it left, in a copy of it (``demo``). Idempotence on an empty database is
proven in tests/test_seed_prospects.py (two fresh databases)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    Appointment,
    Cohort,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    Organisation,
    Role,
    Tour,
    TourBase,
    TourDay,
    User,
)
from app.tours.schemas import TourPlanOut
from seed.demo import DEMO_PASSWORD, demo_accounts, seed_demo
from tests.conftest import DemoTemplate
from tests.factories import snapshot

pytestmark = pytest.mark.demo


def test_seed_creates_the_demo_world(db: Session, demo_template: DemoTemplate) -> None:
    report = demo_template.report
    assert report.created == 15  # an admin, a trainer, a company tutor, 12 trainees
    assert report.existing == 0
    org = db.scalar(select(Organisation).where(Organisation.slug == "demo"))
    assert org is not None
    cohort = db.scalar(select(Cohort).where(Cohort.organisation_id == org.id))
    assert cohort is not None
    assert cohort.name == "Conseiller commercial — session 2026"
    users = {u.email: u for u in db.scalars(select(User).where(User.organisation_id == org.id))}
    assert users["admin@demo.capvente.fr"].role is Role.ADMIN
    assert users["formateur@demo.capvente.fr"].role is Role.TRAINER
    trainees = [e for e, u in users.items() if u.role is Role.TRAINEE]
    assert sorted(trainees) == [f"stagiaire{n:02d}@demo.capvente.fr" for n in range(1, 13)]
    assert all(users[e].cohort_id == cohort.id for e in trainees)
    # Tours (CP2): a base and saved tours per trainee, built from their own appointments.
    assert (report.tours.bases, report.tours.tours) == (12, 24)
    placed = left_out = 0
    for email in trainees:
        trainee = users[email]
        assert db.get(TourBase, trainee.id) is not None
        tours = db.scalars(select(Tour).where(Tour.owner_id == trainee.id)).all()
        assert len(tours) == 2
        for tour in tours:
            plan = TourPlanOut.model_validate(tour.plan)
            assert plan.id == tour.id
            assert plan.matrix_source == "haversine"
            days = db.scalars(select(TourDay).where(TourDay.tour_id == tour.id)).all()
            assert len(days) == tour.days_count == len(plan.days)
            appointments = [s.appointment_id for d in plan.days for s in d.stops
                            if s.appointment_id] + [u.appointment_id for u in plan.unassigned
                                                    if u.appointment_id]  # fmt: skip
            assert appointments
            owners = db.scalars(select(Appointment.owner_id).where(
                Appointment.id.in_(appointments))).all()  # fmt: skip
            assert set(owners) == {trainee.id}
            assert tour.visits_planned > 0
            assert plan.totals.km <= plan.baseline.km + 0.001  # on the demo data
            placed += sum(1 for d in plan.days for s in d.stops if s.appointment_id)
            left_out += sum(1 for u in plan.unassigned if u.appointment_id)
    # Days stretch for early and evening appointments: what is left out is mostly the
    # trainees' double bookings (day_too_full), which the tour page explains.
    assert placed >= 6 * left_out, (placed, left_out)


def test_seed_twice_changes_nothing(db: Session) -> None:
    before = snapshot(db)
    report = seed_demo(db)
    assert report.created == 0
    assert report.existing == 15
    assert snapshot(db) == before


def test_seed_is_deterministic() -> None:
    assert demo_accounts() == demo_accounts()
    names = [a.full_name for a in demo_accounts()]
    assert len(set(names)) == len(names)


def test_demo_trainee_logs_in_and_reads_portfolio(client: TestClient, db: Session) -> None:
    token = client.post(
        "/api/v1/auth/token",
        data={"username": "stagiaire01@demo.capvente.fr", "password": DEMO_PASSWORD},
    )
    assert token.status_code == 200
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    portfolio = client.get("/api/v1/me/portfolio", headers=headers)
    assert portfolio.status_code == 200
    assert portfolio.json()["trainee"]["cohort"] == "Conseiller commercial — session 2026"
    trainer = client.post(
        "/api/v1/auth/token",
        data={"username": "formateur@demo.capvente.fr", "password": DEMO_PASSWORD},
    ).json()["access_token"]
    trainees = client.get(
        "/api/v1/users?role=trainee", headers={"Authorization": f"Bearer {trainer}"}
    ).json()
    assert trainees["total"] == 12


def test_the_seeded_history_comes_with_its_evidence(
    db: Session, client: TestClient, demo_template: DemoTemplate, openapi_document: dict[str, Any]
) -> None:
    """What the API would have journaled had the trainees done it: one record per seeded
    write since their cohort began, with the codes its route declares."""
    report = demo_template.report
    assert report.evidence > 0
    spec = openapi_document
    declared = {
        op["operationId"]: set(op.get("x-competences", [])) | set(op.get("x-criteria", []))
        for item in spec["paths"].values()
        for op in item.values()
    }
    cohort = db.scalar(select(Cohort).where(Cohort.name == "Conseiller commercial — session 2026"))
    assert cohort is not None
    records = db.scalars(select(EvidenceRecord)).all()
    # The social seed journals its own history (tests/test_seed_social.py).
    assert len(records) == report.evidence + report.social.evidence
    assert {r.trainee_id for r in records} == {
        u.id for u in db.scalars(select(User).where(User.role == Role.TRAINEE))
    }
    assert all(r.created_at.date() >= cohort.starts_on for r in records)
    codes: dict[int, set[str]] = {}
    for link in db.scalars(select(EvidenceLink)):
        codes.setdefault(link.evidence_id, set()).add(link.code)
    for record in records:
        if record.action == "create_social_action":  # with its exchange's criteria
            assert codes[record.id] >= declared[record.action] | {"CP3.7", "CP3.1"}
        else:
            assert codes[record.id] == declared[record.action], record.action
    # Each kind of record points at a row of its table that the trainee owns.
    sample = next(r for r in records if r.action == "create_interaction")
    assert sample.resource_type == "interactions"
    owner = db.scalar(select(Interaction.owner_id).where(Interaction.id == int(sample.resource_id)))
    assert owner == sample.trainee_id
    # Journaled as the routes would have: with their keys, a status once per prospect and
    # status, nothing for deletions or toggles.
    assert all(r.dedupe_key for r in records)
    assert len({(r.trainee_id, r.dedupe_key) for r in records}) == len(records)
    statuses = [r for r in records if r.action == "change_status"]
    assert statuses
    assert {r.resource_type for r in statuses} == {"prospects"}
    assert not {r.method for r in records} & {"DELETE", "GET"}
    assert "update_item" not in {r.action for r in records}
    # Dated by the seeded history, not by the install: the watch's evidence falls on the
    # demo's days, and the trainees' last activity is not one same day.
    today = utcnow().date()
    watch = [r for r in records if r.action in ("create_source", "create_competitor",
                                                 "create_item")]  # fmt: skip
    assert len(watch) == 12 * (3 + 7 + 1)
    assert all(r.created_at.date() < today for r in watch)
    assert len({r.created_at.date() for r in watch if r.action == "create_source"}) > 1
    last: dict[int, datetime] = {}
    for r in records:
        last[r.trainee_id] = max(last.get(r.trainee_id, r.created_at), r.created_at)
    assert len({moment.date() for moment in last.values()}) > 1, last
    # The portfolio of a demo trainee is not empty, and seeding again adds nothing.
    token = client.post("/api/v1/auth/token", data={"username": "stagiaire01@demo.capvente.fr",
                                                     "password": DEMO_PASSWORD}).json()  # fmt: skip
    portfolio = client.get(
        "/api/v1/me/portfolio", headers={"Authorization": f"Bearer {token['access_token']}"}
    ).json()
    assert portfolio["evidence_total"] > 100
    again = seed_demo(db)
    assert (again.evidence, again.social.evidence) == (0, 0)
