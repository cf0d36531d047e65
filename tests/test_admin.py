"""Cohorts and user accounts: admin writes, scoped reads, validation, locking, pagination."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role, User
from tests.factories import PASSWORD, bearer, make_cohort, make_org, make_user


def test_admin_creates_and_edits_a_cohort(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainer = make_user(db, org, Role.TRAINER)
    created = client.post(
        "/api/v1/cohorts",
        json={"name": "Session mars", "starts_on": "2027-03-01", "trainer_ids": [trainer.id]},
        headers=bearer(admin),
    )
    assert created.status_code == 201, created.text
    cohort = created.json()
    assert cohort["trainer_ids"] == [trainer.id]
    assert cohort["trainee_count"] == 0
    assert cohort["version"] == 1

    updated = client.patch(
        f"/api/v1/cohorts/{cohort['id']}",
        json={"version": 1, "name": "Session avril", "trainer_ids": []},
        headers=bearer(admin),
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["name"] == "Session avril"
    assert updated.json()["trainer_ids"] == []
    assert updated.json()["version"] == 2


def test_stale_version_is_refused_with_409(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    cohort = make_cohort(db, org)
    first = client.patch(
        f"/api/v1/cohorts/{cohort.id}", json={"version": 1, "name": "A"}, headers=bearer(admin)
    )
    assert first.status_code == 200
    stale = client.patch(
        f"/api/v1/cohorts/{cohort.id}", json={"version": 1, "name": "B"}, headers=bearer(admin)
    )
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["type"] == "urn:capvente:problem:stale-version"
    assert problem["current_version"] == 2
    assert client.get(f"/api/v1/cohorts/{cohort.id}", headers=bearer(admin)).json()["name"] == "A"


def test_cohort_validation_errors_name_the_field(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org)
    make_cohort(db, org, name="Existante")
    cases = [
        ({"name": ""}, "name"),
        ({"name": "Existante"}, "name"),
        ({"name": "X", "trainer_ids": [trainee.id]}, "trainer_ids"),
        ({"name": "X", "starts_on": "2027-03-01", "ends_on": "2027-01-01"}, "ends_on"),
        ({"name": "X", "colour": "red"}, "colour"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/cohorts", json=body, headers=bearer(admin))
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["field"] == field, response.json()


def test_cohort_with_trainees_cannot_be_deleted(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    full = make_cohort(db, org)
    make_user(db, org, cohort=full)
    empty = make_cohort(db, org)
    response = client.delete(f"/api/v1/cohorts/{full.id}", headers=bearer(admin))
    assert response.status_code == 409
    assert "stagiaires" in response.json()["detail"]
    assert client.delete(f"/api/v1/cohorts/{empty.id}", headers=bearer(admin)).status_code == 204
    assert client.get(f"/api/v1/cohorts/{empty.id}", headers=bearer(admin)).status_code == 404


def test_cohort_visibility_by_role(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainer = make_user(db, org, Role.TRAINER)
    led = make_cohort(db, org, name="Menée", trainers=[trainer])
    other = make_cohort(db, org, name="Autre")
    trainee = make_user(db, org, cohort=other)
    outsider = make_user(db, make_org(db), Role.ADMIN)

    def names(user: User) -> list[str]:
        return [
            c["name"] for c in client.get("/api/v1/cohorts", headers=bearer(user)).json()["items"]
        ]

    assert names(admin) == ["Autre", "Menée"]
    assert names(trainer) == ["Menée"]
    assert names(trainee) == ["Autre"]
    assert names(outsider) == []
    assert client.get(f"/api/v1/cohorts/{led.id}", headers=bearer(trainee)).status_code == 404
    response = client.post("/api/v1/cohorts", json={"name": "Z"}, headers=bearer(trainer))
    assert response.status_code == 403
    assert "formateur" in response.json()["detail"]


def test_admin_creates_users_and_they_can_log_in(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    cohort = make_cohort(db, org)
    response = client.post(
        "/api/v1/users",
        json={
            "email": "Nouvelle@Example.org",
            "full_name": "Nouvelle Stagiaire",
            "role": "trainee",
            "password": "un mot de passe sûr",
            "cohort_id": cohort.id,
        },
        headers=bearer(admin),
    )
    assert response.status_code == 201, response.text
    user = response.json()
    assert user["email"] == "nouvelle@example.org"
    assert user["organisation_id"] == org.id
    assert "password" not in user
    assert "password_hash" not in user
    token = client.post(
        "/api/v1/auth/token",
        data={"username": "nouvelle@example.org", "password": "un mot de passe sûr"},
    )
    assert token.status_code == 200


def test_user_validation(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN, email="admin@example.org")
    foreign_cohort = make_cohort(db, make_org(db))
    base = {"full_name": "X", "role": "trainee", "password": "long enough pw"}
    cases = [
        ({**base, "email": "not-an-email"}, "email"),
        ({**base, "email": "admin@example.org"}, "email"),
        ({**base, "email": "a@example.org", "password": "short"}, "password"),
        ({**base, "email": "a@example.org", "role": "boss"}, "role"),
        ({**base, "email": "a@example.org", "cohort_id": foreign_cohort.id}, "cohort_id"),
        (
            {**base, "email": "a@example.org", "role": "trainer", "cohort_id": foreign_cohort.id},
            "cohort_id",
        ),
    ]
    for body, field in cases:
        response = client.post("/api/v1/users", json=body, headers=bearer(admin))
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field
    enum_error = client.post(
        "/api/v1/users",
        json={**base, "email": "a@example.org", "role": "boss"},
        headers=bearer(admin),
    ).json()
    assert "admin" in enum_error["errors"][0]["message"]


def test_admin_updates_role_cohort_and_deactivates(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    cohort = make_cohort(db, org)
    user = make_user(db, org, cohort=cohort)
    moved = client.patch(
        f"/api/v1/users/{user.id}", json={"version": 1, "cohort_id": None}, headers=bearer(admin)
    )
    assert moved.status_code == 200
    assert moved.json()["cohort_id"] is None
    promoted = client.patch(
        f"/api/v1/users/{user.id}", json={"version": 2, "role": "trainer"}, headers=bearer(admin)
    )
    assert promoted.json()["role"] == "trainer"
    off = client.patch(
        f"/api/v1/users/{user.id}", json={"version": 3, "is_active": False}, headers=bearer(admin)
    )
    assert off.json()["is_active"] is False
    assert client.get("/api/v1/me", headers=bearer(user)).status_code == 401
    reset = client.patch(
        f"/api/v1/users/{user.id}",
        json={"version": 4, "is_active": True, "password": "reset password!"},
        headers=bearer(admin),
    )
    assert reset.status_code == 200
    login = client.post(
        "/api/v1/auth/token", data={"username": user.email, "password": "reset password!"}
    )
    assert login.status_code == 200
    old = client.post("/api/v1/auth/token", data={"username": user.email, "password": PASSWORD})
    assert old.status_code == 401


def test_admin_cannot_lock_themselves_out(client: TestClient, db: Session) -> None:
    admin = make_user(db, make_org(db), Role.ADMIN)
    for body in ({"version": 1, "role": "trainee"}, {"version": 1, "is_active": False}):
        response = client.patch(f"/api/v1/users/{admin.id}", json=body, headers=bearer(admin))
        assert response.status_code == 409


def test_user_list_scope_filters_sorting_and_pagination(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN, full_name="Zoé Admin")
    trainer = make_user(db, org, Role.TRAINER, full_name="Yves Formateur")
    cohort = make_cohort(db, org, trainers=[trainer])
    other = make_cohort(db, org)
    mine = [make_user(db, org, cohort=cohort, full_name=f"Stagiaire {n}") for n in range(5)]
    make_user(db, org, cohort=other, full_name="Hors cohorte")
    make_user(db, make_org(db), Role.TRAINEE, full_name="Autre centre")

    page = client.get("/api/v1/users?limit=3&offset=0", headers=bearer(admin)).json()
    assert page["total"] == 8
    assert page["limit"] == 3
    assert len(page["items"]) == 3
    page2 = client.get("/api/v1/users?limit=3&offset=6", headers=bearer(admin)).json()
    assert len(page2["items"]) == 2

    desc = client.get("/api/v1/users?sort=-full_name", headers=bearer(admin)).json()["items"]
    assert desc[0]["full_name"] == "Zoé Admin"

    trainer_view = client.get("/api/v1/users?role=trainee", headers=bearer(trainer)).json()
    assert {u["id"] for u in trainer_view["items"]} == {u.id for u in mine}
    found = client.get("/api/v1/users?q=stagiaire 3", headers=bearer(trainer)).json()
    assert [u["full_name"] for u in found["items"]] == ["Stagiaire 3"]

    trainee_view = client.get("/api/v1/users", headers=bearer(mine[0])).json()
    assert [u["id"] for u in trainee_view["items"]] == [mine[0].id]

    bad = client.get("/api/v1/users?sort=password_hash", headers=bearer(admin))
    assert bad.status_code == 422
    assert bad.json()["errors"][0] == {
        "location": "query",
        "field": "sort",
        "message": bad.json()["errors"][0]["message"],
        "type": "rule",
    }
    assert "full_name" in bad.json()["errors"][0]["message"]
    too_big = client.get("/api/v1/users?limit=1000", headers=bearer(admin))
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "limit"


def test_trainer_and_trainee_cannot_manage_accounts(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    for user in (trainer, trainee):
        response = client.patch(
            f"/api/v1/users/{trainee.id}",
            json={"version": 1, "full_name": "Pirate"},
            headers=bearer(user),
        )
        assert response.status_code == 403
    db.expire_all()
    assert db.get(User, trainee.id).full_name != "Pirate"  # type: ignore[union-attr]


def test_a_login_does_not_make_the_admins_copy_stale(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    user = make_user(db, org, email="busy@example.org")
    version = client.get(f"/api/v1/users/{user.id}", headers=bearer(admin)).json()["version"]
    login = client.post("/api/v1/auth/token", data={"username": user.email, "password": PASSWORD})
    assert login.status_code == 200
    me = client.get("/api/v1/me", headers=bearer(user)).json()
    assert me["last_login_at"] is not None
    assert me["version"] == version
    response = client.patch(
        f"/api/v1/users/{user.id}",
        json={"version": version, "full_name": "Renommé"},
        headers=bearer(admin),
    )
    assert response.status_code == 200


def test_look_alike_e_mails_are_refused_for_new_accounts(client: TestClient, db: Session) -> None:
    """Issue 13: fullwidth letters and a Cyrillic « а » made look-alike accounts."""
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN, email="admin@example.org")
    base = {"full_name": "X", "role": "trainee", "password": "long enough pw"}

    # Fullwidth « ａｄｍｉｎ » is « admin » once normalised: the existing account.
    fullwidth = client.post(
        "/api/v1/users", json={**base, "email": "ａｄｍｉｎ@example.org"}, headers=bearer(admin)
    )
    assert fullwidth.status_code == 422
    assert fullwidth.json()["errors"][0]["field"] == "email"
    assert "existe déjà" in fullwidth.json()["errors"][0]["message"]

    # A Cyrillic « а » (U+0430) among Latin letters, in the local part or the domain.
    for email in ("\u0430dmin@example.org", "admin@ex\u0430mple.org"):
        mixed = client.post("/api/v1/users", json={**base, "email": email}, headers=bearer(admin))
        assert mixed.status_code == 422, email
        error = mixed.json()["errors"][0]
        assert error["field"] == "email"
        assert "alphabets" in error["message"]

    # Stored normalised: a fullwidth spelling of a new address is kept in plain letters.
    plain = client.post(
        "/api/v1/users", json={**base, "email": "ＮＯＵＶＥＡＵ@example.org"}, headers=bearer(admin)
    )
    assert plain.status_code == 201, plain.text
    assert plain.json()["email"] == "nouveau@example.org"
    assert db.query(User).filter(User.email == "nouveau@example.org").count() == 1
