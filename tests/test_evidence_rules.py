"""The evidence rule, route by route (app/competences/README.md).

- The README's per-route table lists every write route that declares competences, with the
  codes, the ``never`` and the fields the OpenAPI document declares: a new route fails this
  test until its rule is written down.
- Walking every route as the owner of the records: no deletion, no opted-out write and no
  update that changes nothing records evidence.
- Domain by domain, repeating an action on the same record adds nothing.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.competences.tagging import EVIDENCE_METHODS
from app.models import EvidenceLink, EvidenceRecord, Tour, TourDay, User
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user, owned_records
from tests.routes import operations
from tests.test_route_walk import REFERENCE_PARAMS, request_body

README = Path(__file__).parent.parent / "app/competences/README.md"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _table() -> dict[str, dict[str, str]]:
    rows = {}
    for line in README.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`\w+`", cells[0]):
            rows[cells[0].strip("`")] = {"route": cells[1], "rule": cells[2], "codes": cells[3]}
    return rows


def _count(db: Session, user: User) -> int:
    db.expire_all()
    return int(
        db.scalar(
            select(func.count())
            .select_from(EvidenceRecord)
            .where(EvidenceRecord.trainee_id == user.id)
        )
        or 0
    )


def test_the_readme_table_is_the_declared_rule(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    table = _table()
    declared = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method.upper() in WRITES and op.get("x-competences"):
                declared[op["operationId"]] = (method.upper(), path, op)
    # Reads listed in the table (the registries' figures) are checked to record nothing.
    reads = {name for name, row in table.items() if row["route"].startswith("GET ")}
    operation_ids = {
        op["operationId"]: (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
    }
    for name in reads:
        method, path, op = operation_ids[name]
        assert table[name]["route"] == f"{method} `{path.removeprefix('/api/v1')}`", name
        assert table[name]["rule"].startswith("never"), name
        assert table[name]["codes"] == (", ".join(op.get("x-competences", [])) or "—"), name
        table.pop(name)
    assert set(table) == set(declared), "write routes and the README's table differ"
    for name, (method, path, op) in declared.items():
        row = table[name]
        assert row["route"] == f"{method} `{path.removeprefix('/api/v1')}`", name
        assert row["codes"] == ", ".join(op["x-competences"] + op["x-criteria"]), name
        never = method not in EVIDENCE_METHODS or op.get("x-evidence") is False
        assert row["rule"].startswith("never") == never, name
        fields = op.get("x-evidence-fields")
        if fields is not None:
            named = re.findall(r"\b[a-z_]+\b", row["rule"].removeprefix("changed:"))
            assert row["rule"].startswith("changed:"), name
            assert set(fields) <= set(named), name
        else:
            assert not row["rule"].startswith("changed:"), name


@pytest.fixture
def owner(db: Session) -> tuple[User, dict[str, Any]]:
    org = make_org(db)
    trainee = make_user(db, org, cohort=make_cohort(db, org))
    ids = owned_records(db, trainee)
    tour = db.get(Tour, ids["tour_id"])
    assert tour is not None
    db.add(TourDay(tour_id=tour.id, day_index=0, day=tour.first_day, planned_km=12.5, visits=1))
    db.commit()
    return trainee, ids


def _path(route: Any, ids: dict[str, Any]) -> str:
    values = {n: REFERENCE_PARAMS.get(n, ids.get(n)) for n in route.param_convertors}
    assert None not in values.values(), route.path
    return str(route.path_format.format(**values))


def test_no_deletion_no_opted_out_write_no_empty_update_records(
    client: TestClient,
    app: FastAPI,
    openapi_document: dict[str, Any],
    db: Session,
    owner: tuple[User, dict[str, Any]],
) -> None:
    trainee, ids = owner
    auth = bearer(trainee)
    declared = [
        (method, route)
        for method, route in operations(app, ("/api/",))
        if method in WRITES and (getattr(route, "openapi_extra", None) or {}).get("x-competences")
    ]
    checked: dict[str, int] = {"PATCH": 0, "never": 0, "DELETE": 0}
    # Updates that send only the version they read: nothing changes, nothing is shown.
    for method, route in declared:
        if method != "PATCH":
            continue
        path = _path(route, ids)
        current = client.get(path, headers=auth)
        assert current.status_code == 200, (path, current.text)
        answer = client.patch(path, json={"version": current.json()["version"]}, headers=auth)
        assert answer.status_code == 200, (path, answer.text)
        assert _count(db, trainee) == 0, f"PATCH {path} recorded evidence"
        checked["PATCH"] += 1
    # Writes declared evidence=False, whatever they answer.
    for method, route in declared:
        if method == "DELETE" or route.openapi_extra.get("x-evidence") is not False:
            continue
        path = _path(route, ids)
        answer = client.request(method, path, json=request_body(openapi_document, method, route),
                                headers=auth)  # fmt: skip
        assert answer.status_code < 500, (path, answer.text)
        assert _count(db, trainee) == 0, f"{method} {path} recorded evidence"
        checked["never"] += 1
    # Deletions, children first (longer paths), last of all.
    deleted = 0
    for method, route in sorted(declared, key=lambda mr: -len(mr[1].path)):
        if method != "DELETE":
            continue
        path = _path(route, ids)
        answer = client.delete(path, headers=auth)
        assert answer.status_code < 500, (path, answer.text)
        deleted += answer.status_code == 204
        assert _count(db, trainee) == 0, f"DELETE {path} recorded evidence"
        checked["DELETE"] += 1
    assert checked["PATCH"] >= 10, checked
    assert checked["never"] >= 3, checked
    assert checked["DELETE"] >= 12, checked
    assert deleted >= 10


def _codes(db: Session, user: User) -> list[tuple[str, list[str]]]:
    db.expire_all()
    records = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == user.id)
        .order_by(EvidenceRecord.id)
    ).all()
    return [
        (r.action, sorted(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == r.id))))
        for r in records
    ]  # fmt: skip


def test_prospects_once_per_thing_shown(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    auth = bearer(trainee)
    created = client.post("/api/v1/prospects", headers=auth,
                          json={"kind": "company", "name": "Alpha", "city": "Lyon"})  # fmt: skip
    assert created.status_code == 201, created.text
    prospect = created.json()
    url = f"/api/v1/prospects/{prospect['id']}"
    # Edits of the same record: one piece of evidence, however many saves.
    version = prospect["version"]
    for city in ("Vienne", "Lyon", "Vienne"):
        answer = client.patch(url, json={"version": version, "city": city}, headers=auth)
        assert answer.status_code == 200, answer.text
        version = answer.json()["version"]
    # A stage reached counts once per status: back and forth adds nothing.
    steps = ["qualified", "prospect", "qualified", "prospect"]
    if prospect["status"] == "suspect":
        steps = ["prospect", *steps[:3]]
    for status in steps:
        answer = client.post(f"{url}/status", json={"status": status}, headers=auth)
        assert answer.status_code == 200, answer.text
    actions = [action for action, _ in _codes(db, trainee)]
    assert actions == ["create_prospect", "update_prospect", "change_status", "change_status"]
    # Qualifying shows CP3.6 too: once as well.
    assert sum("CP3.6" in codes for _, codes in _codes(db, trainee)) == 1
    # Deleting it shows nothing.
    assert client.delete(url, headers=auth).status_code == 204
    assert len(_codes(db, trainee)) == 4
    assert all({"CP3", "CP3.7", "CT3", "CT3.4"} <= set(codes) for _, codes in _codes(db, trainee))


def test_tours_and_bloctel_once_per_thing_shown(
    client: TestClient, db: Session, owner: tuple[User, dict[str, Any]]
) -> None:
    trainee, ids = owner
    auth = bearer(trainee)
    mileage = f"/api/v1/tours/{ids['tour_id']}/days/0/mileage"
    for km in (40, 42, 40):
        answer = client.put(mileage, json={"actual_km": km}, headers=auth)
        assert answer.status_code == 200, answer.text
    base = {"label": "Agence", "address": "1 rue de la République, Lyon", "latitude": 45.76,
            "longitude": 4.83}  # fmt: skip
    for _ in range(2):
        assert client.put("/api/v1/tour-base", json=base, headers=auth).status_code == 200
    listed = b"0612345678\n0698765432\n"
    for _ in range(3):
        answer = client.post("/api/v1/privacy/bloctel", headers=auth,
                             files={"file": ("bloctel.txt", listed, "text/plain")})  # fmt: skip
        assert answer.status_code == 201, answer.text
    journal = _codes(db, trainee)
    assert [a for a, _ in journal] == ["log_mileage", "set_base", "upload_bloctel"]
    # The tours show CP2.7 and its twin CT4.6, with CT4.
    assert {"CP2.7", "CT4.6", "CT4"} <= set(journal[0][1])
    # A list of another date is another check.
    answer = client.post("/api/v1/privacy/bloctel", headers=auth,
                         data={"checked_on": date(2026, 1, 5).isoformat()},
                         files={"file": ("bloctel.txt", listed, "text/plain")})  # fmt: skip
    assert answer.status_code == 201, answer.text
    assert len(_codes(db, trainee)) == 4


def test_campaign_members_already_there_add_nothing(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    auth = bearer(trainee)
    prospect = make_prospect(db, trainee, name="Beta")
    db.commit()
    campaign = client.post("/api/v1/campaigns", headers=auth,
                           json={"name": "Relance", "channel": "phone"})  # fmt: skip
    assert campaign.status_code == 201, campaign.text
    members = f"/api/v1/campaigns/{campaign.json()['id']}/members"
    for _ in range(2):
        answer = client.post(
            members, json={"members": [{"prospect_id": prospect.id}]}, headers=auth
        )
        assert answer.status_code in (200, 201), answer.text
    assert [a for a, _ in _codes(db, trainee)] == ["create_campaign", "add_members"]
