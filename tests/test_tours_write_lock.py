"""Planning a tour is long work (a road matrix over the network, seconds of search): on SQLite
it must not hold the write lock meanwhile, or every other user's write waits (or fails with
"database is locked" past the busy timeout). The routes that plan work first and take the
lock only to store (``core.db.work_first`` / ``start_writing``). Authentication's bookkeeping
(an API token's last use) is written too, under the lock, never while the plan is computed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.models import ApiToken, Contact, Tour
from tests.conftest import TEST_SECRET, migrate
from tests.factories import api_token_bearer, bearer, make_org, make_prospect, make_user
from tests.ors_server import FakeOrs

BASE = {"label": "Agence de Lyon", "latitude": 45.7640, "longitude": 4.8357}


@pytest.fixture
def slow_ors(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOrs]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = FakeOrs().start()
    server.delay_s = 1.5  # the matrix takes its time: the plan overlaps the other write
    yield server
    server.stop()


@pytest.mark.parametrize("auth", ["session", "api_token"])
@pytest.mark.parametrize("route", ["/api/v1/tours/plan", "/api/v1/tours"])
def test_another_users_write_goes_on_while_a_tour_is_planned(
    route: str, auth: str, new_database: Callable[[], str], tmp_path: Path, slow_ors: FakeOrs
) -> None:
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as db:
        org = make_org(db)
        planner, other = make_user(db, org), make_user(db, org)
        stops = [make_prospect(db, planner, name=f"Client {i}", latitude=45.70 + i / 100,
                               longitude=4.80 + i / 100) for i in range(4)]  # fmt: skip
        target = make_prospect(db, other, name="Autre").id
        # A token last used long ago: authenticating records its use (a write) at once.
        token, token_auth = api_token_bearer(db, planner, last_used_at=utcnow() - timedelta(days=1))
        db.commit()
    planner_auth = token_auth if auth == "api_token" else bearer(planner)
    settings = Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                        frontend_dist=tmp_path / "none", ors_base_url=slow_ors.url)  # fmt: skip
    app = create_app(settings)
    request = {"days": [{"date": "2026-12-08"}], "visits": [{"prospect_id": p.id} for p in stops]}
    order: list[str] = []
    planned = threading.Event()
    statuses: dict[str, int] = {}

    def plan() -> None:
        with TestClient(app) as client:
            assert client.put("/api/v1/tour-base", json=BASE, headers=bearer(planner)).is_success
            planned.set()
            statuses["plan"] = client.post(route, json=request, headers=planner_auth).status_code
            order.append("plan")

    with TestClient(app) as client:
        thread = threading.Thread(target=plan)
        thread.start()
        planned.wait(10)
        # The plan is waiting for its matrix (1.5 s): a write of somebody else lands first.
        while not slow_ors.matrix_requests() and thread.is_alive():
            threading.Event().wait(0.02)
        response = client.post(f"/api/v1/prospects/{target}/contacts",
                               json={"last_name": "Pendant la tournée"},
                               headers=bearer(other))  # fmt: skip
        order.append("write")
        thread.join(30)
    assert response.status_code == 201, response.text
    assert statuses["plan"] in (200, 201)
    assert order == ["write", "plan"]  # the write did not wait for the plan
    with Session(engine) as db:
        assert db.scalar(select(func.count()).select_from(Contact)) == 1
        saved = db.scalar(select(func.count()).select_from(Tour))
        last_used = db.scalar(select(ApiToken.last_used_at).where(ApiToken.id == token.id))
    engine.dispose()
    assert saved == (1 if route == "/api/v1/tours" else 0)
    assert last_used is not None
    if auth == "api_token":  # its use is recorded, even by a plan that stores nothing
        assert last_used > utcnow() - timedelta(minutes=5)
    else:
        assert last_used < utcnow() - timedelta(hours=23)
