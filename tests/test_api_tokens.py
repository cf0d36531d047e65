"""Personal API tokens for REST clients: shown once, stored hashed, scoped, revocable."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import ApiToken, Role
from tests.factories import PASSWORD, bearer, make_cohort, make_org, make_user


def _create(client: TestClient, headers: dict[str, str], **body) -> dict:
    response = client.post(
        "/api/v1/api-tokens", json={"name": "plateforme", **body}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_token_is_shown_once_and_stored_hashed(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    created = _create(client, bearer(user), scopes=["read", "write"])
    secret = created["token"]
    assert secret.startswith("cvt_")
    assert created["prefix"] in secret
    assert created["scopes"] == ["read", "write"]

    stored = db.scalar(select(ApiToken).where(ApiToken.id == created["id"]))
    assert stored is not None
    assert secret not in (stored.secret_hash, stored.prefix)
    assert len(stored.secret_hash) == 64

    listed = client.get("/api/v1/api-tokens", headers=bearer(user)).json()
    assert listed["total"] == 1
    assert "token" not in listed["items"][0]
    single = client.get(f"/api/v1/api-tokens/{created['id']}", headers=bearer(user)).json()
    assert "token" not in single


def test_token_authenticates_and_records_last_use(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    created = _create(client, bearer(user))
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {created['token']}"})
    assert me.status_code == 200
    assert me.json()["auth_method"] == "api_token"
    assert me.json()["scopes"] == ["read"]
    db.expire_all()
    token = db.get(ApiToken, created["id"])
    assert token is not None
    assert token.last_used_at is not None


def test_read_only_token_cannot_write(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    created = _create(client, bearer(user), scopes=["read"])
    headers = {"Authorization": f"Bearer {created['token']}"}
    response = client.post("/api/v1/api-tokens", json={"name": "x"}, headers=headers)
    assert response.status_code == 403
    assert "lecture seule" in response.json()["detail"]
    assert client.get("/api/v1/api-tokens", headers=headers).status_code == 200


def test_revoked_expired_and_unknown_tokens_are_refused(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    created = _create(client, bearer(user))
    headers = {"Authorization": f"Bearer {created['token']}"}
    assert (
        client.delete(f"/api/v1/api-tokens/{created['id']}", headers=bearer(user)).status_code
        == 204
    )
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert "révoqué" in response.json()["detail"]
    listed = client.get("/api/v1/api-tokens?include_revoked=true", headers=bearer(user)).json()
    assert listed["items"][0]["revoked_at"] is not None
    assert client.get("/api/v1/api-tokens", headers=bearer(user)).json()["total"] == 0

    other = _create(client, bearer(user))
    db.execute(
        ApiToken.__table__.update()
        .where(ApiToken.id == other["id"])
        .values(expires_at=utcnow() - timedelta(minutes=1))
    )
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {other['token']}"})
    assert response.status_code == 401
    assert "expiré" in response.json()["detail"]

    forged = other["token"][:-4] + "AAAA"
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    )


def test_token_of_a_deactivated_account_stops_working(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    created = _create(client, bearer(user))
    user.is_active = False
    db.flush()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {created['token']}"})
    assert response.status_code == 401


def test_expiry_must_be_future_and_zoned(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    past = client.post(
        "/api/v1/api-tokens",
        json={"name": "x", "expires_at": (utcnow() - timedelta(days=1)).isoformat()},
        headers=bearer(user),
    )
    assert past.status_code == 422
    assert past.json()["errors"][0]["field"] == "expires_at"
    naive = client.post(
        "/api/v1/api-tokens",
        json={"name": "x", "expires_at": "2099-01-01T00:00:00"},
        headers=bearer(user),
    )
    assert naive.status_code == 422
    assert "fuseau" in naive.json()["errors"][0]["message"]
    bad_scope = client.post(
        "/api/v1/api-tokens", json={"name": "x", "scopes": ["admin"]}, headers=bearer(user)
    )
    assert bad_scope.status_code == 422
    assert bad_scope.json()["errors"][0]["field"] == "scopes.0"


def test_tokens_are_private_even_to_the_trainer_and_admin(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    created = _create(client, bearer(trainee))
    for other in (trainer, admin):
        path = f"/api/v1/api-tokens/{created['id']}"
        assert client.get(path, headers=bearer(other)).status_code == 404
        assert client.delete(path, headers=bearer(other)).status_code == 404
        assert client.get("/api/v1/api-tokens", headers=bearer(other)).json()["total"] == 0


# --------------------------------------------------------------- issue 13


def test_a_token_cannot_mint_tokens(client: TestClient, db: Session) -> None:
    """A child token without expiry used to outlive its parent's revocation."""
    user = make_user(db, make_org(db))
    parent = _create(client, bearer(user), scopes=["read", "write"])
    headers = {"Authorization": f"Bearer {parent['token']}"}
    response = client.post("/api/v1/api-tokens", json={"name": "enfant"}, headers=headers)
    assert response.status_code == 403
    assert "ne peut pas créer" in response.json()["detail"]
    assert db.scalar(select(func.count()).select_from(ApiToken)) == 1


def test_a_password_change_revokes_tokens_unless_declined(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    kept = _create(client, bearer(user))
    declined = client.post(
        "/api/v1/me/password",
        json={
            "current_password": PASSWORD,
            "new_password": "another long password",
            "revoke_api_tokens": False,
        },
        headers=bearer(user),
    )
    assert declined.status_code == 204
    kept_auth = {"Authorization": f"Bearer {kept['token']}"}
    assert client.get("/api/v1/me", headers=kept_auth).status_code == 200

    db.refresh(user)
    revoked = client.post(
        "/api/v1/me/password",
        json={"current_password": "another long password", "new_password": "a third password"},
        headers=bearer(user),
    )
    assert revoked.status_code == 204
    response = client.get("/api/v1/me", headers=kept_auth)
    assert response.status_code == 401
    assert "révoqué" in response.json()["detail"]


def test_an_admin_password_reset_revokes_tokens(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    user = make_user(db, org)
    token = _create(client, bearer(user))
    session = bearer(user)
    reset = client.patch(
        f"/api/v1/users/{user.id}",
        json={"version": user.version, "password": "reset by the admin"},
        headers=bearer(admin),
    )
    assert reset.status_code == 200, reset.text
    assert client.get("/api/v1/me", headers=session).status_code == 401
    auth = {"Authorization": f"Bearer {token['token']}"}
    assert client.get("/api/v1/me", headers=auth).status_code == 401
