"""Schemathesis fuzzes every operation of the OpenAPI document: no input may give a 500.

The app runs in process on a throwaway database of the run's backend (SQLite or
PostgreSQL: each refuses different things, NUL or a too-long VARCHAR on PostgreSQL only),
with a trainee's token and one record of every kind of theirs, so that generated ids 1, 2...
reach real records and writes go through to the database.

Bounded and reproducible: a fixed number of examples per operation (``CAPVENTE_FUZZ_EXAMPLES``,
default 8) plus Schemathesis's boundary cases (the "coverage" phase: out-of-range integers,
edge date-times, control characters...), from a fixed seed (``CAPVENTE_FUZZ_SEED``), and no
Hypothesis database: a failure here is a real server error, the same on every run, with its
reproducer (a curl command) in the report.

Inputs invalid by the schema ("negative" cases, 60 % of the requests) are sent on PostgreSQL
only: the app refuses nearly all of them before any query (422, 405), the same on both
backends, and those it lets through reach the stricter backend there (NUL, VARCHAR length,
integer range: PostgreSQL refuses what SQLite stores). Inputs valid by the schema go to both
backends, every operation on each, as they reach each one's own SQL (full-text search, LIKE,
types). About 10,000 requests on PostgreSQL, 4,000 on SQLite (``CAPVENTE_FUZZ_MODE=all`` sends
both kinds there too); ``pytest -m 'not fuzz'`` leaves it out while iterating.

Left out: ``POST /me/password`` (a generated password change would end the token used by
every later case) and ``POST /watch/sources/{id}/refresh`` (it fetches the source's address:
no traffic leaves 127.0.0.1 in tests; tests/test_watch_refresh.py covers it against a local
server).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from sqlalchemy import delete

from app.config import Settings
from app.core.db import make_engine, make_session_factory
from app.main import create_app
from app.models import Role, Tour, TourBase
from tests.conftest import TEST_SECRET, migrate
from tests.factories import bearer, make_cohort, make_org, make_user, owned_records

EXAMPLES = int(os.environ.get("CAPVENTE_FUZZ_EXAMPLES", "8"))
SEED = int(os.environ.get("CAPVENTE_FUZZ_SEED", "20261205"))
MODE = os.environ.get("CAPVENTE_FUZZ_MODE")  # all, positive, negative; default: see above
EXCLUDED = r"^/api/v1/(me/password|watch/sources/\{source_id\}/refresh)$"
# Not traced by coverage: the fuzz asserts only "no server error", so the lines it reaches
# are not tested behaviour, and tracing would add half again to its time.
pytestmark = [pytest.mark.fuzz, pytest.mark.no_cover]
CHECKS = [
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_schema_conformance", "response_headers_conformance",
    "positive_data_acceptance", "negative_data_rejection", "use_after_free",
    "ensure_resource_availability", "missing_required_header", "ignored_auth",
    "object_level_authorization", "unsupported_method", "allow_header_conformance",
]  # fmt: skip


@pytest.fixture(scope="module")
def fuzz_world(
    new_database: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    """The app on a database of its own (dropped at the end of the run), and a trainee's
    authorisation header."""
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as db:
        org = make_org(db)
        trainer = make_user(db, org, Role.TRAINER)
        cohort = make_cohort(db, org, trainers=[trainer])
        trainee = make_user(db, org, cohort=cohort)
        ids = owned_records(db, trainee)
        # The factory's tour has no plan; the trainee's tours are planned below, for real.
        db.execute(delete(Tour).where(Tour.id == ids["tour_id"]))
        db.add(TourBase(owner_id=trainee.id, label="Agence", latitude=45.76, longitude=4.84))
        owned_records(db, make_user(db, org, cohort=cohort))  # a neighbour's, out of reach
        headers = bearer(trainee, minutes=120)
        db.commit()
    tmp = tmp_path_factory.mktemp("fuzz")
    app = create_app(
        Settings(
            database_url=url,
            secret_key=TEST_SECRET,
            var_dir=tmp / "var",
            frontend_dist=tmp / "no-frontend",
            # Generated logins must not lock the trainee's account for the later cases.
            login_max_failures_per_account=10_000,
            login_max_failures_per_ip=10_000,
        )
    )
    with TestClient(app) as client:
        plan = {
            "name": "Lyon est",
            "days": [{"date": "2027-01-15"}],
            "visits": [
                {"latitude": 45.75, "longitude": 4.85, "label": "Lyon 3e"},
                {"latitude": 45.78, "longitude": 4.88, "label": "Villeurbanne"},
            ],
        }
        response = client.post("/api/v1/tours", json=plan, headers=headers)
        assert response.status_code == 201, response.text
    yield app, headers
    engine.dispose()


def _config(headers: dict[str, str], backend: str) -> SchemathesisConfig:
    """The run's settings, as a schemathesis.toml would give them to the CLI."""
    mode = MODE or ("all" if backend == "postgresql" else "positive")
    only_server_errors = {name: {"enabled": name == "not_a_server_error"} for name in CHECKS}
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "headers": headers,
            "workers": 1,
            "suppress-health-check": ["all"],
            "generation": {
                "mode": mode,
                "max-examples": EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            # Examples, boundary values ("coverage") and generated cases; no stateful chains
            # (they multiply the run time and found nothing the others did not).
            "phases": {"stateful": {"enabled": False}},
            "checks": only_server_errors,
        }
    )


def _server_errors(finished: Any) -> list[str]:
    """Each failing case of a finished scenario: the operation, the failure, a reproducer."""
    out = []
    for checks in finished.recorder.checks.values():
        for check in checks:
            if check.failure_info is not None:
                out.append(
                    f"{finished.recorder.label}: {check.failure_info.failure.title}\n"
                    f"{check.failure_info.code_sample}"
                )
    return out


def test_no_generated_input_gives_a_server_error(
    fuzz_world: tuple[FastAPI, dict[str, str]], backend: str
) -> None:
    app, headers = fuzz_world
    schema = (
        schemathesis.openapi.from_asgi("/openapi.json", app, config=_config(headers, backend))
        .include(path_regex="^/api/")
        .exclude(path_regex=EXCLUDED)
    )
    failures: list[str] = []
    tested = 0
    reached: set[str] = set()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            tested += 1
            if event.recorder.cases:
                reached.add(event.recorder.label)
            failures += _server_errors(event)
        elif isinstance(event, events.NonFatalError):
            failures.append(f"{event.label}: {event.info.format()}")
        elif isinstance(event, events.FatalError):
            raise event.exception
    assert tested > 100, f"only {tested} scenarios ran"
    operations = {
        f"{method.upper()} {path}"
        for path, item in app.openapi()["paths"].items()
        if path.startswith("/api/") and not re.match(EXCLUDED, path)
        for method in item
    }
    assert reached == operations, operations ^ reached  # every operation, on each backend
    assert not failures, "\n\n".join(failures)
