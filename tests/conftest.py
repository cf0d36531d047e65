"""Test fixtures: a real database built by the migrations, one transaction per test.

Backend: ``pytest --db=sqlite`` (default) or ``--db=postgresql``. For PostgreSQL the server is,
in order: ``TEST_DATABASE_URL``; the local server on 127.0.0.1:5432 (user postgres, database
test); a testcontainers PostgreSQL when a Docker engine answers; else the run is skipped with
one line saying why. Each run works in a database of its own, dropped at the end.

Tests that use no database fixture (nothing in their fixture closure reaches ``new_database``
or ``backend``) run once: the PostgreSQL run deselects them (``pytest_collection_modifyitems``).
The demo seed runs once per run, into a template database that tests start from (a file copy
on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL): ``demo_database()`` for a database
of one's own, ``@pytest.mark.demo`` for the usual rolled-back transaction on a shared copy.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# The cohort's benchmark of a gap analysis is kept minutes in a served app; the tests' records
# change from one test to the next (and SQLite reuses ids): computed on every read here
# (tests/test_analyses.py checks the keeping itself).
os.environ.setdefault("CAPVENTE_COHORT_BENCHMARK_SECONDS", "0")
# No webhook worker thread in the apps the tests build (even those with an engine of their
# own): tests deliver with app.webhooks.delivery.deliver_due themselves.
os.environ.setdefault("CAPVENTE_WEBHOOKS_WORKER", "false")

from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.cli import alembic_config
from app.config import Settings, normalise_database_url
from app.core.db import make_engine, make_session_factory
from app.main import create_app
from seed.demo import SeedReport, seed_demo

# The CI server; the variable exists so that a test can point the probe at a closed port.
LOCAL_POSTGRES = os.environ.get(
    "CAPVENTE_TEST_LOCAL_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TEST_SECRET = "test-secret-key-with-enough-entropy-0123456789"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["sqlite", "postgresql"],
        default="sqlite",
        help="database backend for this run",
    )


# ----------------------------------------------------------------- PostgreSQL server discovery


def _answers(url: str) -> str | None:
    """None when a connection works, else the reason."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _host_port(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.host}:{parsed.port or 5432}"


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


def _postgres_server(config: pytest.Config) -> str:
    explicit = os.environ.get("TEST_DATABASE_URL")
    if explicit:
        return normalise_database_url(explicit)
    reason = _answers(LOCAL_POSTGRES)
    if reason is None:
        return LOCAL_POSTGRES
    if _docker_answers():
        from testcontainers.postgres import PostgresContainer

        container = PostgresContainer("postgres:16-alpine", driver="psycopg")
        container.start()
        config.stash[_CONTAINER] = container
        return normalise_database_url(container.get_connection_url())
    pytest.exit(
        f"PostgreSQL run skipped: no TEST_DATABASE_URL, {_host_port(LOCAL_POSTGRES)} does not "
        f"answer ({reason}) and no Docker engine answers for testcontainers.",
        returncode=0,
    )


_CONTAINER = pytest.StashKey[Any]()
_URL = pytest.StashKey[str]()
_CREATED_DB = pytest.StashKey[tuple[str, str]]()


def _create_database(server_url: str, template: str | None = None) -> tuple[str, str | None]:
    """A fresh database on the server (URL, name), empty or a copy of ``template``; falls back
    to the server's own database when the server refuses."""
    name = f"capvente_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    copy_of = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
    except Exception:
        if template:
            raise
        return server_url, None
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False), name


def _drop_database(server_url: str, name: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def new_database_url(
    config: pytest.Config, tmp_dir: Path, template: str | None = None
) -> tuple[str, Callable[[], None]]:
    """A brand-new database of the run's backend, empty or a copy of the ``template`` URL (a
    database no connection is open to), and how to drop it."""
    if config.getoption("--db") == "sqlite":
        path = tmp_dir / f"capvente-{uuid.uuid4().hex[:8]}.db"
        if template:
            # SQLite's online backup: a page copy, consistent even if a WAL file is left over.
            source = sqlite3.connect(make_url(template).database or "")
            target = sqlite3.connect(path)
            with target:
                source.backup(target)
            target.close()
            source.close()
        return f"sqlite:///{path}", lambda: None
    server = config.stash[_URL]
    url, name = _create_database(server, template and make_url(template).database)
    if name is None:
        pytest.skip("cannot create a second PostgreSQL database on this server")
    return url, lambda: _drop_database(server, name)


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--db") == "postgresql":
        config.stash[_URL] = _postgres_server(config)


# What a test must reach, directly or through other fixtures, to depend on the backend.
DATABASE_FIXTURES = frozenset({"new_database", "backend"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run leaves out the tests that never touch a database: the SQLite run
    has run them, and they would run the same. Decided from each test's fixture closure, so
    it stays right as tests are added (a test opening a database of its own asks for
    ``new_database``; one that branches on the backend asks for ``backend``)."""
    if config.getoption("--db") != "postgresql":
        return
    keep: list[pytest.Item] = []
    backend_free: list[pytest.Item] = []
    for item in items:
        uses = DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        (keep if uses else backend_free).append(item)
    if backend_free:
        config.hook.pytest_deselected(items=backend_free)
        items[:] = keep


def pytest_report_header(config: pytest.Config) -> str:
    if config.getoption("--db") == "postgresql":
        return f"database: PostgreSQL ({make_url(config.stash[_URL]).render_as_string()})"
    return "database: SQLite (temporary file)"


def pytest_unconfigure(config: pytest.Config) -> None:
    container = config.stash.get(_CONTAINER, None)
    if container is not None:
        container.stop()


# ----------------------------------------------------------------- database fixtures


@pytest.fixture(scope="session")
def backend(pytestconfig: pytest.Config) -> str:
    return str(pytestconfig.getoption("--db"))


@pytest.fixture(scope="session")
def new_database(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], str]]:
    """Factory of fresh, empty databases (dropped at the end of the run)."""
    droppers: list[Callable[[], None]] = []

    def make(template: str | None = None) -> str:
        url, drop = new_database_url(pytestconfig, tmp_path_factory.mktemp("db"), template)
        droppers.append(drop)
        return url

    yield make
    for drop in reversed(droppers):  # copies before their template
        drop()


def migrate(url: str, revision: str = "head") -> None:
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.upgrade(config, revision)


@pytest.fixture(scope="session")
def database_url(new_database: Callable[[], str]) -> str:
    url = new_database()
    migrate(url)  # the schema comes from the migrations, never from create_all
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(request: pytest.FixtureRequest, engine: Engine) -> Iterator[Connection]:
    """One transaction per test, rolled back at the end: tests never see each other. Marked
    ``demo``, the test's database holds the demo world (a shared copy of the template)."""
    if request.node.get_closest_marker("demo") is not None:
        engine = request.getfixturevalue("demo_engine")
    with engine.connect() as conn:
        outer = conn.begin()
        yield conn
        outer.rollback()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    # Sessions commit by releasing a savepoint inside the test's transaction.
    return make_session_factory(connection, join_transaction_mode="create_savepoint")


@pytest.fixture
def db(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """The test's own session, for arranging data and checking results."""
    with session_factory() as session:
        yield session


# ----------------------------------------------------------------- the demo world


@dataclass(frozen=True)
class DemoTemplate:
    url: str
    report: SeedReport  # what seeding the empty database did


@pytest.fixture(scope="session")
def demo_template(new_database: Callable[..., str]) -> DemoTemplate:
    """The demo seed, run once per run on a migrated database that is only ever copied (no
    connection stays open to it: PostgreSQL copies only an idle template)."""
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        report = seed_demo(session)
    engine.dispose()
    return DemoTemplate(url, report)


@pytest.fixture(scope="session")
def demo_database(
    new_database: Callable[..., str], demo_template: DemoTemplate
) -> Callable[[], str]:
    """Factory of new databases holding the demo world (copies of the template)."""
    return lambda: new_database(demo_template.url)


@pytest.fixture(scope="session")
def demo_engine(demo_database: Callable[[], str]) -> Iterator[Engine]:
    """One copy of the demo world shared by the ``demo`` tests, each in its own transaction."""
    engine = make_engine(demo_database())
    yield engine
    engine.dispose()


# ----------------------------------------------------------------- application fixtures


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url="sqlite://",  # unused: the app gets the test session factory
        secret_key=TEST_SECRET,
        var_dir=tmp_path / "var",
        frontend_dist=tmp_path / "no-frontend",
        login_free_failures=5,
        login_max_failures_per_ip=20,
        webhooks_worker=False,  # tests call app.webhooks.delivery.deliver_due themselves
    )


@pytest.fixture(scope="session")
def openapi_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The API's OpenAPI document, built once per run for the tests that read it (read-only:
    building it takes seconds). The app's document does not depend on the database."""
    tmp = tmp_path_factory.mktemp("openapi")
    settings = Settings(database_url="sqlite://", secret_key=TEST_SECRET, var_dir=tmp / "var",
                        frontend_dist=tmp / "no-frontend")  # fmt: skip
    return create_app(settings, session_factory=sessionmaker()).openapi()


@pytest.fixture
def app(settings: Settings, session_factory: sessionmaker[Session]) -> FastAPI:
    return create_app(settings, session_factory=session_factory)


@pytest.fixture
def client(app: FastAPI, db: Session) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client
