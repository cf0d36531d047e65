"""Every list's ``sort`` parameter documents the fields it accepts (``x-sort-fields`` in the
OpenAPI document, which the web client offers) and those are exactly what it accepts."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role
from tests.factories import bearer, make_cohort, make_org, make_user, owned_records


def sortable_lists(client: TestClient) -> dict[str, list[str]]:
    spec = client.get("/openapi.json").json()
    found = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for param in operation.get("parameters", []):
                if param["name"] == "sort":
                    assert method == "get", path
                    found[path] = param["schema"]["x-sort-fields"]
    return found


def test_every_sort_parameter_lists_its_fields(client: TestClient) -> None:
    lists = sortable_lists(client)
    assert len(lists) >= 12
    for path, fields in lists.items():
        assert fields, path
        assert len(set(fields)) == len(fields), path


def test_the_documented_fields_are_the_accepted_ones(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    ids = owned_records(db, trainee)
    db.commit()
    extra = {
        "persona_id": ids["persona_id"],
        "near_lat": 45.76,
        "near_lon": 4.84,
        "radius_km": 50,
    }
    checked = 0
    for path, fields in sortable_lists(client).items():
        url = path.replace("{trainee_id}", str(trainee.id))
        caller = admin if path in ("/api/v1/users", "/api/v1/cohorts") else trainee
        if path.startswith("/api/v1/trainees/"):
            caller = trainer
        params: dict[str, Any] = extra if "persona_match" in fields else {}
        for field in fields:
            for direction in ("", "-"):
                response = client.get(
                    url, params={**params, "sort": direction + field}, headers=bearer(caller)
                )
                assert response.status_code == 200, (path, field, response.text)
                checked += 1
        refused = client.get(url, params={**params, "sort": "nope"}, headers=bearer(caller))
        assert refused.status_code == 422, path
        [error] = refused.json()["errors"]
        assert error["field"] == "sort"
        listed = re.search(r"champs permis (.*)\.$", error["message"])
        assert listed is not None, error["message"]
        assert set(listed.group(1).split(", ")) == set(fields), path
    assert checked > 50
    # Without their parameter, the computed columns are refused with the same message.
    for field in ("persona_match", "distance"):
        response = client.get(f"/api/v1/prospects?sort={field}", headers=bearer(trainee))
        assert response.status_code == 422, field
