"""The issue's "done when", through the example client (examples/exercise_platform.py): an
exercise platform, with only the API and a token of scope ``exercises``, creates an
exercise, assigns it to a cohort, publishes it, subscribes to the events, receives signed
webhooks on a real receiver on 127.0.0.1 (checked with the example's ``verify``) as trainees
work, follows the runs and fetches the results in JSON and CSV."""

from __future__ import annotations

import importlib.util
import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.auth.schemas import ApiTokenCreate
from app.auth.service import create_api_token
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.config import Settings
from app.core.principal import Principal
from app.models import ApiScope, MarketPerson, Prospect, ProspectKind, Role
from app.webhooks.delivery import deliver_due
from tests.factories import bearer, make_cohort, make_org, make_user
from tests.local_server import LocalServer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "business_case_example.json"


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "exercise_platform", ROOT / "examples" / "exercise_platform.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Platform(LocalServer):
    """The platform's webhook endpoint: every delivery checked with the example's verify."""

    methods = ("POST",)

    def __init__(self, verify: Any) -> None:
        super().__init__()
        self.verify = verify
        self.secret = ""
        self.events: list[dict[str, Any]] = []
        self.refused = 0

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
        try:
            event = self.verify(self.secret, dict(handler.headers.items()), body)
        except ValueError:
            with self._lock:
                self.refused += 1
            handler.send_response(401)
        else:
            with self._lock:
                self.events.append(event)
            handler.send_response(204)
        handler.send_header("Content-Length", "0")
        handler.end_headers()


def test_a_platform_drives_an_exercise_with_only_the_api_and_its_token(
    client: TestClient, db: Session, settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    settings.webhooks_allow_private = True  # the receiver listens on 127.0.0.1
    platform_client = example()
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainees = [make_user(db, org, cohort=cohort) for _ in range(2)]
    principal = Principal(trainer.id, org.id, Role.TRAINER, None, frozenset())
    doc = BusinessCaseDocument.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    case = cases.create_case(db, principal, doc)
    cases.publish(db, principal, case, case.version)
    _, secret = create_api_token(
        db, principal, ApiTokenCreate(name="plateforme", scopes=[ApiScope.EXERCISES])
    )
    db.flush()
    receiver = Platform(platform_client.verify).start()
    try:
        client.headers["Authorization"] = f"Bearer {secret}"
        # The platform's side, with the example's functions.
        exercise = platform_client.create_exercise(
            client, case.id, market={"population": 30}, starts_on="2026-09-14", seed=7
        )
        assert exercise["status"] == "draft"
        runs = platform_client.assign(client, exercise["id"], cohort.id)
        assert {r["trainee_id"] for r in runs} == {t.id for t in trainees}
        exercise = platform_client.publish(client, exercise)
        assert exercise["status"] == "published"
        subscription = platform_client.subscribe(client, receiver.url + "/hooks")
        receiver.secret = subscription["secret"]
        # The trainees work (with their own sessions, in the web client).
        first = trainees[0]
        run = next(r for r in runs if r["trainee_id"] == first.id)
        started = client.post(
            f"/api/v1/exercise-runs/{run['id']}/start",
            json={"version": run["version"]},
            headers=bearer(first),
        )
        assert started.status_code == 200, started.text
        company = db.scalar(
            select(Prospect).join(MarketPerson, MarketPerson.prospect_id == Prospect.id)
            .where(MarketPerson.run_id == run["id"], Prospect.kind == ProspectKind.COMPANY)
            .order_by(Prospect.id).limit(1))  # fmt: skip
        assert company is not None
        answered = client.post(
            f"/api/v1/exercise-runs/{run['id']}/calls",
            json={"prospect_id": company.id, "hour": 9},
            headers=bearer(first),
        )
        assert answered.status_code == 201, answered.text
        current = client.get(f"/api/v1/exercise-runs/{run['id']}", headers=bearer(first)).json()
        submitted = client.post(
            f"/api/v1/exercise-runs/{run['id']}/submit",
            json={"version": current["version"]},
            headers=bearer(first),
        )
        assert submitted.status_code == 200, submitted.text
        # The deliveries (a job, outside the requests) reach the platform, signed.
        db.commit()
        deliver_due(session_factory, settings)
        kinds = [e["type"] for e in receiver.events]
        assert receiver.refused == 0
        assert "exercise.started" in kinds
        assert "evidence.recorded" in kinds
        assert "run.submitted" in kinds
        started_event = next(e for e in receiver.events if e["type"] == "exercise.started")
        assert started_event["data"]["run_id"] == run["id"]
        # A forged delivery is refused by the example's check.
        with pytest.raises(ValueError, match="bad signature"):
            platform_client.verify(
                receiver.secret,
                {"webhook-id": "msg_x", "webhook-timestamp": str(int(time.time()))},
                b"{}",
            )
        # The platform follows the runs and fetches the results.
        followed = platform_client.runs(client, exercise["id"])
        assert {r["status"] for r in followed} == {"submitted", "not_started"}
        result = platform_client.results(client, exercise["id"])
        mine = next(r for r in result["runs"] if r["trainee_id"] == first.id)
        assert mine["metrics"]["contacts"] == 1
        assert sum(mine["evidence"].values()) >= 1
        text = platform_client.results(client, exercise["id"], csv=True)
        assert text.splitlines()[0].startswith("run_id;trainee_id;trainee_name;status")
        # The token reaches nothing else: its scope is the integrators' routes only.
        assert client.get("/api/v1/prospects").status_code == 403
    finally:
        receiver.stop()
