"""One error model: RFC 9457 problem+json for every failure, with a request id."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role, User
from tests.factories import bearer, make_org, make_user
from tests.support import with_test_routes

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == f"urn:capvente:problem:{slug}"
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    return body


def test_unknown_route_and_method(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/nothing-here"), 404, "not-found")
    assert body["instance"] == "/api/v1/nothing-here"
    assert_problem(client.put("/healthz"), 405, "method-not-allowed")


def test_payload_validation_lists_fields(client: TestClient, db: Session) -> None:
    admin = make_user(db, make_org(db), Role.ADMIN)
    response = client.post(
        "/api/v1/users", json={"email": "bad", "role": "trainee"}, headers=bearer(admin)
    )
    body = assert_problem(response, 422, "validation-error")
    fields = {e["field"]: e for e in body["errors"]}
    assert set(fields) == {"email", "full_name", "password"}
    assert fields["full_name"]["message"] == "Champ obligatoire."
    assert fields["full_name"]["location"] == "body"


def test_malformed_json_is_a_400_problem(client: TestClient, db: Session) -> None:
    admin = make_user(db, make_org(db), Role.ADMIN)
    response = client.post(
        "/api/v1/cohorts",
        content=b'{"name": "unterminated',
        headers={**bearer(admin), "content-type": "application/json"},
    )
    assert_problem(response, 400, "malformed-json")


def test_body_over_the_limit_is_413(app: FastAPI, db: Session) -> None:
    admin = make_user(db, make_org(db), Role.ADMIN)
    huge = '{"name": "' + "x" * (1024 * 1024 + 10) + '"}'
    with TestClient(app) as client:
        response = client.post(
            "/api/v1/cohorts",
            content=huge.encode(),
            headers={**bearer(admin), "content-type": "application/json"},
        )
    assert_problem(response, 413, "payload-too-large")


def test_limit_is_configurable(settings, session_factory, db: Session) -> None:
    from app.main import create_app

    settings.max_body_bytes = 2048
    admin = make_user(db, make_org(db), Role.ADMIN)
    with TestClient(create_app(settings, session_factory=session_factory)) as client:
        response = client.post("/api/v1/cohorts", json={"name": "x" * 3000}, headers=bearer(admin))
        assert response.status_code == 413
        assert (
            client.post(
                "/api/v1/cohorts", json={"name": "petite"}, headers=bearer(admin)
            ).status_code
            == 201
        )


def test_unexpected_error_is_a_500_problem_without_internals(app: FastAPI, db: Session) -> None:
    user = make_user(db, make_org(db))
    with TestClient(with_test_routes(app), raise_server_exceptions=False) as client:
        response = client.get("/api/v1/_test/boom", headers=bearer(user))
    assert_problem(response, 500, "internal-error")
    assert "internal detail" not in response.text
    assert "Traceback" not in response.text


def test_request_id_is_echoed_or_minted(client: TestClient) -> None:
    minted = client.get("/healthz").headers["x-request-id"]
    assert len(minted) == 32
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-123-def"}).headers["x-request-id"]
        == "abc-123-def"
    )
    assert (
        client.get("/healthz", headers={"X-Request-ID": "bad id!"}).headers["x-request-id"]
        != "bad id!"
    )


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/users/abc"])
def test_bad_path_parameter_or_auth_is_a_problem(
    client: TestClient, db: Session, path: str
) -> None:
    user: User = make_user(db, make_org(db), Role.ADMIN)
    response = client.get(path, headers=bearer(user) if "abc" in path else {})
    assert response.headers["content-type"] == PROBLEM
    if "abc" in path:
        assert response.json()["errors"][0] == {
            "location": "path",
            "field": "user_id",
            "message": "Nombre entier attendu.",
            "type": "int_parsing",
        }


def test_streamed_body_over_the_limit_is_413(app: FastAPI, db: Session) -> None:
    """No Content-Length (chunked upload): the body is counted as it arrives."""
    admin = make_user(db, make_org(db), Role.ADMIN)

    def chunks():
        yield b'{"name": "'
        for _ in range(300):
            yield b"x" * 4096
        yield b'"}'

    with TestClient(app) as client:
        response = client.post(
            "/api/v1/cohorts",
            content=chunks(),
            headers={**bearer(admin), "content-type": "application/json"},
        )
    assert_problem(response, 413, "payload-too-large")
