"""Walk every route of the app and check the access rules hold for all of them.

- anonymous calls get 401 (the public routes are an explicit list);
- a trainee calling with another trainee's resource ids gets 404 or 403 and changes nothing;
- a trainer cannot write the records of the trainees they follow (assessing excepted).

New routes are covered automatically. A route with a path parameter this file does not know
fails the test until the parameter is added to ``victim_ids`` (so nobody forgets scoping).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.api import API_PREFIX
from app.auth.policy import TUTOR_ROUTES
from app.auth.schemas import ApiTokenCreate
from app.auth.service import create_api_token
from app.core.principal import Principal
from app.models import (
    ApiScope,
    Assessment,
    AssessmentLevel,
    EvidenceLink,
    EvidenceRecord,
    Role,
    User,
    tutor_trainees,
)
from tests.factories import (
    bearer,
    make_cohort,
    make_org,
    make_prospect,
    make_user,
    owned_records,
    snapshot,
)
from tests.routes import operations

# Routes anyone may call without credentials. The calendar feed's URL is its own
# credential (a secret token in the path, app/agenda/feeds.py): tests/test_agenda.py checks
# that an unknown, revoked or malformed token answers 404.
PUBLIC = {
    ("POST", "/api/v1/auth/token"),
    ("GET", "/healthz"),
    ("GET", "/api/v1/client-config"),
    ("GET", "/api/v1/calendar/{token}.ics"),
}
# Parameters that name shared reference data rather than somebody's record.
REFERENCE_PARAMS = {
    "code": "CP3",
    "mode": "car",
    "day_index": 0,
    "chart": "funnel",
    "network": "linkedin",
}
# What a trainer may write about the trainees of their cohorts.
TRAINER_MAY_WRITE = {
    ("POST", "/api/v1/trainees/{trainee_id}/assessments"),
    # the decision on a trainee's plan (the trainer acting as manager)
    ("POST", "/api/v1/plans/{plan_id}/validate"),
    ("POST", "/api/v1/plans/{plan_id}/return"),
    # the manager's approval of a discount beyond a trainee's limits
    ("POST", "/api/v1/quotes/{quote_id}/approval"),
    # ... and beyond a trainee's authority on a loyalty offer
    ("POST", "/api/v1/offers/{offer_id}/approval"),
    # the department's answer to a trainee's escalation (the trainer answering as it)
    ("POST", "/api/v1/escalations/{escalation_id}/answer"),
    # the manager's reading of a synthesis note: comments, read marks, the CP4 assessment
    ("POST", "/api/v1/notes/{note_id}/versions/{number}/comments"),
    ("POST", "/api/v1/notes/{note_id}/versions/{number}/read"),
    ("POST", "/api/v1/notes/{note_id}/versions/{number}/assessment"),
    # the organisation's business cases (not a trainee's record: the trainers write them)
    ("PUT", "/api/v1/business-cases/{case_id}"),
    ("DELETE", "/api/v1/business-cases/{case_id}"),
    ("POST", "/api/v1/business-cases/{case_id}/publish"),
    ("POST", "/api/v1/business-cases/{case_id}/archive"),
    ("POST", "/api/v1/business-cases/{case_id}/restore"),
    ("POST", "/api/v1/business-cases/{case_id}/assignments"),
    ("DELETE", "/api/v1/business-cases/{case_id}/assignments/{assignment_id}"),
    # the organisation's webhook subscriptions (its trainers and admins manage them)
    ("PATCH", "/api/v1/webhook-subscriptions/{subscription_id}"),
    ("DELETE", "/api/v1/webhook-subscriptions/{subscription_id}"),
    ("POST", "/api/v1/webhook-subscriptions/{subscription_id}/rotate-secret"),
    ("POST", "/api/v1/webhook-subscriptions/{subscription_id}/test"),
    ("POST", "/api/v1/webhook-deliveries/{delivery_id}/redeliver"),
    # the organisation's exercises (built, assigned, advanced and closed by its trainers)
    ("PATCH", "/api/v1/exercises/{exercise_id}"),
    ("DELETE", "/api/v1/exercises/{exercise_id}"),
    ("POST", "/api/v1/exercises/{exercise_id}/publish"),
    ("POST", "/api/v1/exercises/{exercise_id}/close"),
    ("POST", "/api/v1/exercises/{exercise_id}/assignments"),
    ("POST", "/api/v1/exercises/{exercise_id}/advance"),
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def api_operations(app: FastAPI) -> list[tuple[str, Any]]:
    ops = operations(app, ("/api/", "/healthz"))
    assert len(ops) > 20, "the walker found suspiciously few routes"
    return ops


# Documents whose rules a minimal sample cannot meet (cross-field checks, check digits): a
# valid example instead, so that the walk reaches the route's scoping.
EXAMPLES = {
    "DecisionCreate": lambda: {"kind": "commercial_gesture", "amount_ht": "10.00"},
    # Loyalty: recipients are a list of customers or an RFM segment, one of the two.
    "EnrolIn": lambda: {"rfm_segment": "champions"},
    "InviteIn": lambda: {"rfm_segment": "champions"},
    "SurveyCreate": lambda: {
        "rfm_segment": "champions",
        "kind": "nps",
        "title": "NPS",
        "question": "Nous recommanderiez-vous ?",
    },
    "OfferCreate": lambda: {
        "rfm_segment": "champions",
        "title": "Offre",
        "valid_until": "2030-01-01",
        "lines": [{"product_reference": "FIB-PRO-1G"}],
    },
    "BusinessCaseDocument": lambda: json.loads(
        (Path(__file__).parent / "data" / "business_case_example.json").read_text("utf-8")
    ),
}


def sample(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A minimal value valid for ``schema`` (enough to get past payload validation)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name.removesuffix("-Input") in EXAMPLES:
            return EXAMPLES[name.removesuffix("-Input")]()
        return sample(components[name], components)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return sample(options[0], components)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: sample(prop, components)
            for name, prop in schema.get("properties", {}).items()
            if name in schema.get("required", [])
        }
    if kind == "array":
        count = schema.get("minItems", 0)
        return [sample(schema.get("items", {}), components) for _ in range(count)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return True
    if kind == "string":
        fmt = schema.get("format")
        return {
            "email": "someone@example.org",
            "date": "2027-01-15",
            "date-time": "2027-01-15T09:00:00Z",
        }.get(fmt, "x" * max(1, schema.get("minLength", 1)) if fmt != "password" else "x" * 12)
    return "x"


def request_body(spec: dict[str, Any], method: str, route: Any) -> dict[str, Any] | None:
    operation = spec["paths"][route.path_format][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return sample(content["application/json"]["schema"], spec["components"]["schemas"])


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    """Two trainees of one cohort with a trainer; another cohort; another organisation."""
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    attacker = make_user(db, org, cohort=cohort)
    victim = make_user(db, org, cohort=cohort)
    other_cohort = make_cohort(db, org)
    foreign_org = make_org(db)
    foreign = make_user(db, foreign_org, cohort=make_cohort(db, foreign_org))

    victim_principal = Principal(
        user_id=victim.id,
        organisation_id=org.id,
        role=Role.TRAINEE,
        cohort_id=cohort.id,
        scopes=frozenset(ApiScope),
    )
    token, _ = create_api_token(db, victim_principal, ApiTokenCreate(name="victim"))
    record = EvidenceRecord(
        organisation_id=org.id,
        trainee_id=victim.id,
        action="seeded",
        method="POST",
        route="/",
        framework_version="TP-00115/09",
    )
    db.add(record)
    db.flush()
    db.add(EvidenceLink(evidence_id=record.id, code="CP3"))
    db.add(
        Assessment(
            organisation_id=org.id,
            trainee_id=victim.id,
            criterion_code="CP3.7",
            level=AssessmentLevel.IN_PROGRESS,
            assessor_id=trainer.id,
            framework_version="TP-00115/09",
        )
    )
    db.flush()
    make_prospect(db, attacker)  # the attacker has a file of their own too
    return {
        "org": org,
        "trainer": trainer,
        "attacker": attacker,
        "victim": victim,
        "foreign": foreign,
        # Ids of records the attacker must not reach, by path parameter name.
        "victim_ids": {
            "token_id": token.id,
            "user_id": victim.id,
            "trainee_id": victim.id,
            "cohort_id": other_cohort.id,
            **owned_records(db, victim),
        },
        "foreign_ids": {
            "token_id": token.id,
            "user_id": foreign.id,
            "trainee_id": foreign.id,
            "cohort_id": foreign.cohort_id,
            **owned_records(db, foreign),
        },
    }


def path_for(route: Any, ids: dict[str, Any]) -> str | None:
    """The route's path filled with ``ids``; None when it only names reference data."""
    params = {}
    for name in route.param_convertors:
        if name in REFERENCE_PARAMS:
            params[name] = REFERENCE_PARAMS[name]
        elif name in ids:
            params[name] = ids[name]
        else:
            pytest.fail(
                f"{route.path}: unknown path parameter {name!r}; add a record of the victim "
                "for it in world['victim_ids'] so that its scoping is tested"
            )
    if all(name in REFERENCE_PARAMS for name in params):  # nothing of anybody's to reach
        return None
    return route.path_format.format(**params)


def assert_refused_without_change(
    client: TestClient, spec: dict[str, Any], db: Session, method: str, route: Any, path: str, user
) -> None:
    before = snapshot(db)
    response = client.request(
        method, path, json=request_body(spec, method, route), headers=bearer(user)
    )
    assert response.status_code in (403, 404), (method, path, response.status_code, response.text)
    db.expire_all()
    assert snapshot(db) == before, f"{method} {path} changed the database"


def test_anonymous_calls_are_refused(
    client: TestClient, app: FastAPI, openapi_document: dict[str, Any], world
) -> None:
    for method, route in api_operations(app):
        if (method, route.path) in PUBLIC:
            continue
        path = route.path_format.format(
            **{name: REFERENCE_PARAMS.get(name, 1) for name in route.param_convertors}
        )
        response = client.request(method, path, json=request_body(openapi_document, method, route))
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("target", ["victim_ids", "foreign_ids"])
def test_trainee_cannot_reach_another_trainees_records(
    client: TestClient,
    app: FastAPI,
    openapi_document: dict[str, Any],
    db: Session,
    world,
    target: str,
) -> None:
    checked = 0
    for method, route in api_operations(app):
        if (method, route.path) in PUBLIC:
            continue  # no caller to scope: the path carries the credential
        path = path_for(route, world[target])
        if path is None:
            continue
        assert_refused_without_change(
            client, openapi_document, db, method, route, path, world["attacker"]
        )
        checked += 1
    assert checked >= 10


def test_trainer_cannot_write_trainee_records(
    client: TestClient, app: FastAPI, openapi_document: dict[str, Any], db: Session, world
) -> None:
    ids = {**world["victim_ids"], "cohort_id": world["victim"].cohort_id}
    checked = 0
    for method, route in api_operations(app):
        if method not in WRITE_METHODS or (method, route.path) in TRAINER_MAY_WRITE:
            continue
        path = path_for(route, ids)
        if path is None:
            continue
        assert_refused_without_change(
            client, openapi_document, db, method, route, path, world["trainer"]
        )
        checked += 1
    assert checked >= 3


# --------------------------------------------------------------------------- company tutors


def test_every_tutor_route_exists(app: FastAPI) -> None:
    routes = {(method, _declared(route.path)) for method, route in api_operations(app)}
    assert TUTOR_ROUTES <= routes, sorted(TUTOR_ROUTES - routes)


def _declared(path: str) -> str:
    """A route's path as its router declares it (TUTOR_ROUTES), without the API's prefix."""
    return path.removeprefix(API_PREFIX)


@pytest.fixture
def tutor(db: Session, world: dict[str, Any]) -> User:
    """A company tutor of the victim (not of the attacker)."""
    user = make_user(db, world["org"], Role.TUTOR)
    db.execute(tutor_trainees.insert().values(tutor_id=user.id, trainee_id=world["victim"].id))
    db.flush()
    return user


def test_a_tutor_is_refused_every_other_route(
    client: TestClient, app: FastAPI, openapi_document: dict[str, Any], db: Session, world, tutor
) -> None:
    checked = 0
    for method, route in api_operations(app):
        if (method, route.path) in PUBLIC or (method, _declared(route.path)) in TUTOR_ROUTES:
            continue
        path = route.path_format.format(
            **{
                name: REFERENCE_PARAMS.get(name, world["victim_ids"].get(name, 1))
                for name in route.param_convertors
            }
        )
        before = snapshot(db)
        response = client.request(
            method, path, json=request_body(openapi_document, method, route), headers=bearer(tutor)
        )
        assert response.status_code == 403, (method, path, response.status_code, response.text)
        assert response.json()["type"].endswith("tutor-not-allowed")
        db.expire_all()
        assert snapshot(db) == before
        checked += 1
    assert checked > 200


def test_a_tutor_reads_their_trainees_notes_and_portfolio_only(
    client: TestClient, app: FastAPI, db: Session, world, tutor
) -> None:
    ids = world["victim_ids"]
    reads = [
        f"/api/v1/trainees/{ids['trainee_id']}/portfolio",
        f"/api/v1/trainees/{ids['trainee_id']}/evidence",
        f"/api/v1/trainees/{ids['trainee_id']}/assessments",
        f"/api/v1/users/{ids['trainee_id']}",
        f"/api/v1/analyses/{ids['analysis_id']}",
        f"/api/v1/analyses/{ids['analysis_id']}/causes",
        f"/api/v1/analyses/{ids['analysis_id']}/actions",
        f"/api/v1/notes/{ids['note_id']}",
        f"/api/v1/notes/{ids['note_id']}/versions",
        f"/api/v1/notes/{ids['note_id']}/versions/1",
        f"/api/v1/notes/{ids['note_id']}/versions/1/comments",
    ]
    for path in reads:
        response = client.get(path, headers=bearer(tutor))
        assert response.status_code == 200, (path, response.text)
    listed = client.get("/api/v1/analyses", headers=bearer(tutor)).json()
    assert [a["owner_id"] for a in listed["items"]] == [world["victim"].id]
    assert (
        client.get("/api/v1/notes/queue", headers=bearer(tutor)).json()[0]["note_id"]
        == (ids["note_id"])
    )
    people = client.get("/api/v1/users", headers=bearer(tutor)).json()["items"]
    assert {p["id"] for p in people} == {tutor.id, world["victim"].id}
    me = client.get("/api/v1/me", headers=bearer(tutor)).json()
    assert me["tutees"] == [{"id": world["victim"].id, "full_name": world["victim"].full_name}]
    # The attacker is no trainee of theirs: nothing of theirs is readable.
    other = owned_records(db, world["attacker"])
    for path in (
        f"/api/v1/trainees/{world['attacker'].id}/portfolio",
        f"/api/v1/analyses/{other['analysis_id']}",
        f"/api/v1/notes/{other['note_id']}",
    ):
        assert client.get(path, headers=bearer(tutor)).status_code == 404, path
    comment = client.post(
        f"/api/v1/notes/{ids['note_id']}/versions/1/comments",
        json={"body": "Bien vu.", "quote": "Texte", "start": 0, "end": 5},
        headers=bearer(tutor),
    )
    assert comment.status_code == 201, comment.text
    assert comment.json()["author_role"] == "tutor"
    refused = client.post(
        f"/api/v1/notes/{other['note_id']}/versions/1/comments",
        json={"body": "Intrus."},
        headers=bearer(tutor),
    )
    assert refused.status_code == 404
