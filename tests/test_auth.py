"""Login (OAuth2 password flow), sessions, throttling, /me and password change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.security import create_access_token
from app.main import create_app
from app.models import LoginAttempt, Role
from tests.conftest import TEST_SECRET
from tests.factories import PASSWORD, bearer, make_cohort, make_org, make_user


def login(client: TestClient, email: str, password: str = PASSWORD) -> Response:
    return client.post("/api/v1/auth/token", data={"username": email, "password": password})


def test_login_returns_a_bearer_token_that_opens_me(client: TestClient, db: Session) -> None:
    org = make_org(db)
    cohort = make_cohort(db, org, name="Session 2026")
    user = make_user(db, org, cohort=cohort, email="lea@example.org", full_name="Léa Martin")

    response = login(client, "LEA@example.org ")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 480 * 60

    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    data = me.json()
    assert data["id"] == user.id
    assert data["full_name"] == "Léa Martin"
    assert data["role"] == "trainee"
    assert data["cohort"] == {"id": cohort.id, "name": "Session 2026"}
    assert data["auth_method"] == "session"
    assert data["scopes"] == ["read", "write"]
    assert data["last_login_at"] is not None


def test_me_of_a_trainer_lists_led_cohorts_and_permissions(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, name="B", trainers=[trainer])
    me = client.get("/api/v1/me", headers=bearer(trainer)).json()
    assert me["led_cohorts"] == [{"id": cohort.id, "name": "B"}]
    assert me["permissions"] == ["competence:assess"]
    assert me["cohort"] is None


@pytest.mark.parametrize(
    ("email", "password"),
    [("nobody@example.org", PASSWORD), ("known@example.org", "wrong password!")],
)
def test_wrong_credentials_get_one_401_problem(
    client: TestClient, db: Session, email: str, password: str
) -> None:
    make_user(db, make_org(db), email="known@example.org")
    response = login(client, email, password)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    problem = response.json()
    assert problem["type"] == "urn:capvente:problem:invalid-credentials"
    assert problem["detail"] == "Adresse e-mail ou mot de passe incorrect."


def test_deactivated_account_cannot_log_in_nor_use_its_session(
    client: TestClient, db: Session
) -> None:
    user = make_user(db, make_org(db), email="gone@example.org", is_active=False)
    right = login(client, "gone@example.org")
    wrong = login(client, "gone@example.org", "not the password")
    # The right password gets the very answer of a wrong one: nothing confirms it.
    assert right.status_code == wrong.status_code == 401
    assert right.json()["detail"] == wrong.json()["detail"]
    assert right.json()["detail"] == "Adresse e-mail ou mot de passe incorrect."
    assert client.get("/api/v1/me", headers=bearer(user)).status_code == 401


def test_missing_form_fields_are_a_validation_problem(client: TestClient) -> None:
    response = client.post("/api/v1/auth/token", data={"username": "x@example.org"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "password"


def test_every_attempt_is_journaled(client: TestClient, db: Session) -> None:
    make_user(db, make_org(db), email="j@example.org")
    login(client, "j@example.org", "bad password 1")
    login(client, "j@example.org")
    rows = db.execute(
        select(LoginAttempt.succeeded).where(LoginAttempt.email == "j@example.org")
    ).all()
    assert sorted(r.succeeded for r in rows) == [False, True]


def test_account_throttled_after_repeated_failures(client: TestClient, db: Session) -> None:
    make_user(db, make_org(db), email="t@example.org")
    for _ in range(5):
        assert login(client, "t@example.org", "not the password").status_code == 401
    # Even the right password is refused while the account is throttled.
    response = login(client, "t@example.org")
    assert response.status_code == 429
    assert response.headers["content-type"] == "application/problem+json"
    retry = int(response.headers["retry-after"])
    assert 1 <= retry <= 901
    assert response.json()["type"] == "urn:capvente:problem:too-many-requests"
    # A throttled attempt is not counted (the wait does not grow).
    failures = db.scalar(
        select(func.count()).where(
            LoginAttempt.email == "t@example.org", LoginAttempt.succeeded.is_(False)
        )
    )
    assert failures == 5


def test_failures_older_than_the_window_no_longer_count(client: TestClient, db: Session) -> None:
    make_user(db, make_org(db), email="old@example.org")
    long_ago = utcnow() - timedelta(hours=1)
    db.add_all(
        LoginAttempt(email="old@example.org", ip="1.2.3.4", succeeded=False, created_at=long_ago)
        for _ in range(10)
    )
    db.flush()
    assert login(client, "old@example.org").status_code == 200


def test_a_success_resets_the_account_counter(client: TestClient, db: Session) -> None:
    make_user(db, make_org(db), email="r@example.org")
    for _ in range(4):
        login(client, "r@example.org", "bad password")
    assert login(client, "r@example.org").status_code == 200
    for _ in range(4):
        login(client, "r@example.org", "bad password")
    assert login(client, "r@example.org").status_code == 200


def test_address_throttled_across_accounts(settings, session_factory, db: Session) -> None:
    settings.login_max_failures_per_ip = 3
    org = make_org(db)
    for n in range(4):
        make_user(db, org, email=f"ip{n}@example.org")
    with TestClient(create_app(settings, session_factory=session_factory)) as client:
        for n in range(3):
            assert login(client, f"ip{n}@example.org", "bad password").status_code == 401
        assert login(client, "ip3@example.org").status_code == 429


def test_limit_holds_across_several_api_workers(settings, session_factory, db: Session) -> None:
    """Two app instances (two workers) share the counters through the database."""
    make_user(db, make_org(db), email="w@example.org")
    worker_a = TestClient(create_app(settings, session_factory=session_factory))
    worker_b = TestClient(create_app(settings, session_factory=session_factory))
    for n in range(5):
        worker = worker_a if n % 2 else worker_b
        assert login(worker, "w@example.org", "bad password").status_code == 401
    assert login(worker_a, "w@example.org").status_code == 429
    assert login(worker_b, "w@example.org").status_code == 429


def test_expired_and_forged_tokens_are_refused(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    expired, _ = create_access_token(
        user_id=user.id, secret=TEST_SECRET, minutes=1, now=utcnow() - timedelta(hours=2)
    )
    forged, _ = create_access_token(
        user_id=user.id, secret="another secret, long enough for HS256 keys", minutes=5
    )
    for token in (expired, forged, "garbage"):
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["reason"] == "expired"
        assert "reconnectez-vous" in response.json()["detail"]


def test_anonymous_call_is_401_problem(client: TestClient) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["type"] == "urn:capvente:problem:unauthorized"


def test_password_change_closes_older_sessions(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db), email="pw@example.org")
    old = create_access_token(
        user_id=user.id, secret=TEST_SECRET, minutes=60, now=utcnow() - timedelta(seconds=5)
    )[0]
    headers = {"Authorization": f"Bearer {old}"}

    wrong = client.post(
        "/api/v1/me/password",
        json={"current_password": "nope", "new_password": "a brand new password"},
        headers=headers,
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "current_password"

    short = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "short"},
        headers=headers,
    )
    assert short.status_code == 422
    assert short.json()["errors"][0]["message"] == "Trop court (au moins 10 caractère(s))."

    ok = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a brand new password"},
        headers=headers,
    )
    assert ok.status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert login(client, "pw@example.org", "a brand new password").status_code == 200
    assert login(client, "pw@example.org").status_code == 401
