"""The demo seed: the accounts of the issue, deterministic and idempotent."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Cohort, Organisation, Role, User
from seed.demo import DEMO_PASSWORD, demo_accounts, seed_demo
from tests.factories import snapshot


def test_seed_creates_the_demo_world(db: Session) -> None:
    report = seed_demo(db)
    assert report.created == 14
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


def test_seed_twice_changes_nothing(db: Session) -> None:
    seed_demo(db)
    before = snapshot(db)
    report = seed_demo(db)
    assert report.created == 0
    assert report.existing == 14
    assert snapshot(db) == before


def test_seed_is_deterministic() -> None:
    assert demo_accounts() == demo_accounts()
    names = [a.full_name for a in demo_accounts()]
    assert len(set(names)) == len(names)


def test_demo_trainee_logs_in_and_reads_portfolio(client: TestClient, db: Session) -> None:
    seed_demo(db)
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
