"""Every route declares its competences; the OpenAPI document carries them; docs work offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.competences.catalogue import get_catalogue
from app.competences.tagging import exercises
from tests.routes import operations

# Routes that exercise no competence, by explicit list: auth, admin, the competences' own
# reads and assessing, health and docs.
UNDECLARED = {
    # exercises: built by trainers and platforms (not a trainee's competence); a run's
    # start, clock, submission and events frame the work, its calls and e-mails are the
    # evidence (declared)
    "/api/v1/exercises/templates",
    "/api/v1/exercises/market-schema",
    "/api/v1/exercises/schema",
    "/api/v1/exercises/import",
    "/api/v1/exercises/{exercise_id}/export",
    "/api/v1/exercises",
    "/api/v1/exercises/{exercise_id}",
    "/api/v1/exercises/{exercise_id}/publish",
    "/api/v1/exercises/{exercise_id}/close",
    "/api/v1/exercises/{exercise_id}/assignments",
    "/api/v1/exercises/{exercise_id}/runs",
    "/api/v1/exercises/{exercise_id}/results",
    "/api/v1/exercises/{exercise_id}/advance",
    "/api/v1/exercise-runs",
    "/api/v1/exercise-runs/{run_id}",
    "/api/v1/exercise-runs/{run_id}/start",
    "/api/v1/exercise-runs/{run_id}/advance",
    "/api/v1/exercise-runs/{run_id}/submit",
    "/api/v1/exercise-runs/{run_id}/events",
    # auth
    "/api/v1/auth/token",
    "/api/v1/me",
    "/api/v1/me/password",
    "/api/v1/api-tokens",
    "/api/v1/api-tokens/{token_id}",
    # admin
    "/api/v1/cohorts",
    "/api/v1/cohorts/{cohort_id}",
    "/api/v1/users",
    "/api/v1/users/{user_id}",
    "/api/v1/users/{user_id}/tutees",
    "/api/v1/privacy/access-log",
    "/api/v1/privacy/retention",
    "/api/v1/privacy/retention/run",
    "/api/v1/emission-factors/{mode}",
    # the catalogue, journals, portfolios and assessments: reading them exercises nothing
    "/api/v1/competences",
    "/api/v1/competences/{code}",
    "/api/v1/me/evidence",
    "/api/v1/trainees/{trainee_id}/evidence",
    "/api/v1/me/portfolio",
    "/api/v1/trainees/{trainee_id}/portfolio",
    "/api/v1/me/portfolio/export",
    "/api/v1/trainees/{trainee_id}/portfolio/export",
    "/api/v1/trainees/{trainee_id}/assessments",
    # the metric registry: its definitions and figures (the PAC's progress is the exercise)
    "/api/v1/metrics",
    "/api/v1/metrics/values",
    # the business case: the trainers write it (not a trainee's competence), trainees read it
    "/api/v1/business-cases",
    "/api/v1/business-cases/schema",
    "/api/v1/business-cases/active",
    "/api/v1/business-cases/import",
    "/api/v1/business-cases/{case_id}",
    "/api/v1/business-cases/{case_id}/publish",
    "/api/v1/business-cases/{case_id}/archive",
    "/api/v1/business-cases/{case_id}/restore",
    "/api/v1/business-cases/{case_id}/versions",
    "/api/v1/business-cases/{case_id}/versions/{number}",
    "/api/v1/business-cases/{case_id}/export",
    "/api/v1/business-cases/{case_id}/assignments",
    "/api/v1/business-cases/{case_id}/assignments/{assignment_id}",
    # the PAC read (its progress and findings are figures) and the trainer's decision on it
    "/api/v1/plans/cohort-progress",
    "/api/v1/plans/{plan_id}/progress",
    "/api/v1/plans/{plan_id}/findings",
    "/api/v1/plans/{plan_id}/validate",
    "/api/v1/plans/{plan_id}/return",
    # the organisation's webhooks: set up by its staff or an integrator (no trainee's work)
    "/api/v1/webhook-subscriptions",
    "/api/v1/webhook-subscriptions/{subscription_id}",
    "/api/v1/webhook-subscriptions/{subscription_id}/rotate-secret",
    "/api/v1/webhook-subscriptions/{subscription_id}/deliveries",
    "/api/v1/webhook-subscriptions/{subscription_id}/test",
    "/api/v1/webhook-deliveries/{delivery_id}/redeliver",
    # the calendar feed's public URL, read by calendar applications (no login, no badge)
    "/api/v1/calendar/{token}.ics",
    # health, docs and the web client
    "/healthz",
    "/api/v1/client-config",
    "/demo/watch/{path:path}",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/",
    "/{path:path}",
}


def test_every_route_declares_competences(app: FastAPI) -> None:
    catalogue = get_catalogue()
    missing = []
    for method, route in operations(app):
        extra = getattr(route, "openapi_extra", None) or {}
        codes = extra.get("x-competences")
        if route.path in UNDECLARED:
            continue
        if not codes:
            missing.append(f"{method} {route.path}")
            continue
        assert set(codes) <= catalogue.codes, route.path
        for criterion in extra.get("x-criteria", []):
            assert catalogue.criterion(criterion) is not None
    assert not missing, f"routes without exercises(...): {missing}"


def test_exempt_list_has_no_stale_entries(app: FastAPI) -> None:
    paths = {route.path for _, route in operations(app)}
    assert UNDECLARED - paths <= {"/{path:path}"}  # served only when the client is built


def test_openapi_document_carries_codes_as_extension_and_tags(
    openapi_document: dict[str, Any],
) -> None:
    spec = openapi_document
    op = spec["paths"]["/api/v1/watch/sources"]["post"]
    assert op["x-competences"] == ["CP1", "CT4"]
    assert op["x-criteria"] == ["CP1.1", "CP1.2"]
    assert {"CP1", "CT4", "watch"} <= set(op["tags"])
    # Reading a portfolio exercises no competence: no code, no badge.
    portfolio = spec["paths"]["/api/v1/trainees/{trainee_id}/portfolio"]["get"]
    assert "x-competences" not in portfolio
    assert portfolio["tags"] == ["competences"]
    tag_names = {t["name"] for t in spec["tags"]}
    assert {"CP1", "CT4", "auth", "admin"} <= tag_names
    cp3 = next(t for t in spec["tags"] if t["name"] == "CP3")
    assert "prospection" in cp3["description"]
    ids = [o["operationId"] for p in spec["paths"].values() for o in p.values()]
    assert len(ids) == len(set(ids)), "operationIds must be unique and stable"
    assert "bearer" in str(spec["components"]["securitySchemes"]).lower()


@pytest.mark.parametrize(
    ("codes", "criteria", "culprit"),
    [
        (("CP9",), (), "CP9"),
        (("XX",), (), "XX"),
        (("CP3",), ("CP3.99",), "CP3.99"),
        ((), (), "at least one"),
    ],
)
def test_declaration_rejects_unknown_codes(codes, criteria, culprit) -> None:
    with pytest.raises(ValueError, match=culprit):
        exercises(*codes, criteria=criteria)


def test_declared_criterion_implies_its_competence_and_twin() -> None:
    declared = exercises("CT3", criteria=["CP2.7"])
    # CP2.7 brings its competence CP2 and its twin CT4.6 (same text), with CT4.
    assert declared["openapi_extra"]["x-competences"] == ["CT3", "CP2", "CT4"]
    assert declared["openapi_extra"]["x-criteria"] == ["CP2.7", "CT4.6"]
    assert declared["tags"] == ["CT3", "CP2", "CT4"]


def test_docs_are_served_from_local_assets(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "cdn.jsdelivr.net" not in html
        assert "unpkg.com" not in html
        assert "/static-offline-docs/" in html
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static-offline-docs/redoc.standalone.js").status_code == 200


def test_the_web_client_is_generated_from_the_current_api(
    openapi_document: dict[str, Any],
) -> None:
    """frontend/src/api/openapi.json is what the API publishes: when a route or a schema
    changes, `make api-client` must run (the web client's types come from that file, and
    `npm run api:check` in `make test` checks the generated files against it)."""
    committed = json.loads(
        (Path(__file__).parent.parent / "frontend/src/api/openapi.json").read_text("utf-8")
    )
    current = json.loads(json.dumps(openapi_document, ensure_ascii=False, sort_keys=True))
    assert committed == current, "API changed: run `make api-client` and commit the result"


def test_schema_names_are_unique_across_domains(openapi_document: dict[str, Any]) -> None:
    """Two payloads of the same name in two domains make FastAPI qualify both with their
    module (``app__sales__schemas__FindingOut``), which breaks the web client's names: each
    schema's name must be unique."""
    qualified = [n for n in openapi_document["components"]["schemas"] if "__" in n]
    assert [n for n in qualified if "ExportFormat" not in n] == []
