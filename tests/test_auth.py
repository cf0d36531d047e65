"""Login (OAuth2 password flow), sessions, throttling, /me and password change."""

from __future__ import annotations

from datetime import datetime, timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.security import create_access_token
from app.main import create_app
from app.models import LoginAttempt, Role
from tests.conftest import TEST_SECRET
from tests.factories import PASSWORD, bearer, make_cohort, make_org, make_user


@pytest.fixture
def still_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Login's clock stands still: the throttling tests do not depend on how fast the
    machine checks passwords (a progressive delay of 1 s could elapse between two)."""
    now = utcnow()
    monkeypatch.setattr("app.auth.service.utcnow", lambda: now)
    return now


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
    assert data["scopes"] == ["exercises", "read", "write"]  # a session holds every scope
    assert data["last_login_at"] is not None


def test_me_of_a_trainer_lists_led_cohorts_and_permissions(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, name="B", trainers=[trainer])
    me = client.get("/api/v1/me", headers=bearer(trainer)).json()
    assert me["led_cohorts"] == [{"id": cohort.id, "name": "B"}]
    assert me["permissions"] == [
        "business_case:manage",
        "competence:assess",
        "discount:approve",
        "note:comment",
        "plan:validate",
        "webhook:manage",
    ]
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


@pytest.mark.usefixtures("still_clock")
def test_account_throttled_after_repeated_failures(client: TestClient, db: Session) -> None:
    make_user(db, make_org(db), email="t@example.org")
    for _ in range(5):
        assert login(client, "t@example.org", "not the password").status_code == 401
    # Even the right password is refused while the account is throttled.
    response = login(client, "t@example.org")
    assert response.status_code == 429
    assert response.headers["content-type"] == "application/problem+json"
    retry = int(response.headers["retry-after"])
    assert retry == 1  # the first delay past the free failures: progressive, not a lock
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


@pytest.mark.usefixtures("still_clock")
def test_address_throttled_across_accounts(settings, session_factory, db: Session) -> None:
    settings.login_max_failures_per_ip = 3
    org = make_org(db)
    for n in range(4):
        make_user(db, org, email=f"ip{n}@example.org")
    with TestClient(create_app(settings, session_factory=session_factory)) as client:
        for n in range(3):
            assert login(client, f"ip{n}@example.org", "bad password").status_code == 401
        assert login(client, "ip3@example.org").status_code == 429


@pytest.mark.usefixtures("still_clock")
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


# --------------------------------------------------------------- progressive delays (issue 13)

ATTACKER = ("198.51.100.7", 40000)
OWNER = ("203.0.113.5", 40001)
PROXY = ("10.0.0.2", 40002)


def _failures(db: Session, email: str, ip: str, count: int, at: datetime) -> None:
    db.add_all(
        LoginAttempt(email=email, ip=ip, succeeded=False, created_at=at) for _ in range(count)
    )
    db.flush()


@pytest.mark.usefixtures("still_clock")
def test_a_strangers_failures_do_not_lock_the_owner_out(app, db: Session) -> None:
    """60 wrong passwords from one address used to lock the account for everyone."""
    make_user(db, make_org(db), email="victim@example.org")
    attacker = TestClient(app, client=ATTACKER)
    answers = [login(attacker, "victim@example.org", f"guess {n}").status_code for n in range(60)]
    assert answers[:5] == [401] * 5
    assert set(answers[5:]) == {429}  # slowed down: the 6th comes too soon after the 5th
    owner = TestClient(app, client=OWNER)
    assert login(owner, "victim@example.org").status_code == 200
    # Only the attempts actually checked were journaled (5): the rest were refused unread.
    recorded = db.scalar(
        select(func.count()).where(
            LoginAttempt.email == "victim@example.org", LoginAttempt.ip == ATTACKER[0]
        )
    )
    assert recorded == 5


def test_delays_double_after_the_free_failures(app, db: Session, still_clock: datetime) -> None:
    make_user(db, make_org(db), email="slow@example.org")
    client = TestClient(app, client=ATTACKER)
    # 8 failures (3 past the 5 free ones): the next attempt waits 2^3 = 8 s after the last.
    _failures(db, "slow@example.org", ATTACKER[0], 8, at=still_clock - timedelta(seconds=3))
    early = login(client, "slow@example.org")
    assert early.status_code == 429
    assert early.headers["retry-after"] == "5"
    db.execute(
        LoginAttempt.__table__.update()
        .where(LoginAttempt.email == "slow@example.org")
        .values(created_at=still_clock - timedelta(seconds=9))
    )
    assert login(client, "slow@example.org").status_code == 200


def test_delay_grows_to_the_cap(app, db: Session) -> None:
    from app.auth.policy import login_delay

    assert [login_delay(n, 5, 900) for n in (0, 4, 5, 6, 7, 10, 14, 15, 40)] == [
        0, 0, 1, 2, 4, 32, 512, 900, 900,
    ]  # fmt: skip


@pytest.mark.usefixtures("still_clock")
def test_forwarded_for_is_ignored_from_an_untrusted_peer(settings, session_factory, db) -> None:
    settings.login_max_failures_per_ip = 3
    org = make_org(db)
    for n in range(4):
        make_user(db, org, email=f"xff{n}@example.org")
    client = TestClient(create_app(settings, session_factory=session_factory), client=ATTACKER)
    for n in range(3):
        spoofed = {"X-Forwarded-For": f"192.0.2.{n + 1}"}
        response = client.post(
            "/api/v1/auth/token",
            data={"username": f"xff{n}@example.org", "password": "bad password"},
            headers=spoofed,
        )
        assert response.status_code == 401
    keys = set(db.scalars(select(LoginAttempt.ip).where(LoginAttempt.email.like("xff%"))))
    assert keys == {ATTACKER[0]}  # counted under the real peer, whatever the header said
    assert login(client, "xff3@example.org").status_code == 429


def test_forwarded_for_is_believed_from_a_trusted_proxy(settings, session_factory, db) -> None:
    settings.trusted_proxies = "10.0.0.0/8"
    make_user(db, make_org(db), email="proxied@example.org")
    client = TestClient(create_app(settings, session_factory=session_factory), client=PROXY)
    response = client.post(
        "/api/v1/auth/token",
        # The left-most entry was written by the client: only the proxy's own entry counts.
        data={"username": "proxied@example.org", "password": "bad password"},
        headers={"X-Forwarded-For": "1.1.1.1, 198.51.100.20, 10.0.0.9"},
    )
    assert response.status_code == 401
    keys = set(
        db.scalars(select(LoginAttempt.ip).where(LoginAttempt.email == "proxied@example.org"))
    )
    assert keys == {"198.51.100.20"}


@pytest.mark.usefixtures("still_clock")
def test_an_ipv6_client_is_one_key_per_64(settings, session_factory, db) -> None:
    settings.login_max_failures_per_ip = 3
    settings.trusted_proxies = "10.0.0.2"
    org = make_org(db)
    for n in range(5):
        make_user(db, org, email=f"v6-{n}@example.org")
    client = TestClient(create_app(settings, session_factory=session_factory), client=PROXY)

    def attempt(n: int, address: str, password: str = "bad password") -> int:
        return client.post(
            "/api/v1/auth/token",
            data={"username": f"v6-{n}@example.org", "password": password},
            headers={"X-Forwarded-For": address},
        ).status_code

    # Three addresses of one /64: one counter, so the fourth is slowed down.
    assert [attempt(n, f"2001:db8:0:7::{n + 1}") for n in range(3)] == [401, 401, 401]
    assert attempt(3, "2001:db8:0:7::ffff", PASSWORD) == 429
    # Another /64 has its own counter.
    assert attempt(4, "2001:db8:0:8::1", PASSWORD) == 200
    keys = set(db.scalars(select(LoginAttempt.ip).where(LoginAttempt.email.like("v6-%"))))
    assert keys == {"2001:db8:0:7::/64", "2001:db8:0:8::/64"}


def test_an_overlong_username_is_refused_before_it_is_recorded(client, db: Session) -> None:
    huge = "a" * 250 + "@example.org"
    response = client.post("/api/v1/auth/token", data={"username": huge, "password": "x"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "username"
    assert response.json()["errors"][0]["message"] == "Trop long (au plus 254 caractères)."
    assert db.scalar(select(func.count()).select_from(LoginAttempt)) == 0


@pytest.mark.parametrize(
    ("field", "limit"), [("password", 1024), ("scope", 200), ("client_secret", 200)]
)
def test_every_login_field_is_bounded(client, db: Session, field: str, limit: int) -> None:
    user = make_user(db, make_org(db))
    form = {"username": user.email, "password": PASSWORD, field: "x" * (limit + 1)}
    response = client.post("/api/v1/auth/token", data=form)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["location"], error["field"]) == ("body", field)
    assert error["message"] == f"Trop long (au plus {limit} caractères)."
    assert db.scalar(select(func.count()).select_from(LoginAttempt)) == 0
    if field == "password":  # at the bound it is checked as usual (wrong here: 401)
        at_bound = login(client, user.email, "x" * limit)
        assert at_bound.status_code == 401


def test_login_finds_the_account_under_a_look_alike_spelling(client, db: Session) -> None:
    make_user(db, make_org(db), email="lea@example.org")
    # Fullwidth letters are the same address once normalised (NFKC).
    assert login(client, "ＬＥＡ@example.org").status_code == 200
    # A Cyrillic « а » is another address, and an invalid one: refused like any failure.
    cyrillic = login(client, "le\u0430@example.org")
    assert cyrillic.status_code == 401
    assert cyrillic.json()["detail"] == "Adresse e-mail ou mot de passe incorrect."


# --------------------------------------------------------------- sessions (issue 13)


def test_a_session_of_the_same_second_ends_with_a_password_change(client, db: Session) -> None:
    """Sessions used to survive when issued in the second of the change (iat < changed)."""
    user = make_user(db, make_org(db), email="same@example.org")
    now = utcnow()
    first = login(client, "same@example.org").json()["access_token"]
    same_second, _ = create_access_token(user_id=user.id, secret=TEST_SECRET, minutes=60, now=now)
    changed = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a brand new password"},
        headers={"Authorization": f"Bearer {first}"},
    )
    assert changed.status_code == 204
    for token in (first, same_second):
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["reason"] == "expired"
    fresh = login(client, "same@example.org", "a brand new password").json()["access_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200


@pytest.mark.parametrize("subject", ["abc", "1.5", "-3", "0", "99999999999999999999", "١٢"])
def test_a_signed_token_with_a_bad_subject_is_401(client, db: Session, subject: str) -> None:
    now = utcnow()
    token = jwt.encode(
        {"sub": subject, "aud": "capvente", "iat": int(now.timestamp()),
         "exp": int((now + timedelta(minutes=5)).timestamp())},
        TEST_SECRET,
        algorithm="HS256",
    )  # fmt: skip
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["reason"] == "expired"


def test_a_token_with_a_bad_credential_version_is_401(client, db: Session) -> None:
    user = make_user(db, make_org(db))
    now = utcnow()
    token = jwt.encode(
        {"sub": str(user.id), "cv": "0", "aud": "capvente", "iat": int(now.timestamp()),
         "exp": int((now + timedelta(minutes=5)).timestamp())},
        TEST_SECRET,
        algorithm="HS256",
    )  # fmt: skip
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
