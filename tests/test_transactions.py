"""The request owns the transaction; optimistic locking refuses lost updates."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import User
from tests.factories import bearer, make_org, make_user
from tests.support import with_test_routes


def test_success_commits_and_error_rolls_back(app: FastAPI, db: Session) -> None:
    user = make_user(db, make_org(db), full_name="Initial")
    with TestClient(with_test_routes(app)) as client:
        ok = client.patch(
            "/api/v1/_test/me/name", json={"full_name": "Validé"}, headers=bearer(user)
        )
        assert ok.status_code == 200
        failed = client.patch(
            "/api/v1/_test/me/name", json={"full_name": "Perdu", "fail": True}, headers=bearer(user)
        )
        assert failed.status_code == 409
    db.expire_all()
    stored = db.get(User, user.id)
    assert stored is not None
    assert stored.full_name == "Validé"
    assert stored.version == 2


def test_concurrent_update_is_a_409_and_nothing_is_written(app: FastAPI, db: Session) -> None:
    user = make_user(db, make_org(db), full_name="Original")
    with TestClient(with_test_routes(app)) as client:
        response = client.patch("/api/v1/_test/me/concurrent", headers=bearer(user))
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:capvente:problem:stale-version"
    db.expire_all()
    stored = db.get(User, user.id)
    assert stored is not None
    assert stored.full_name == "Original"
