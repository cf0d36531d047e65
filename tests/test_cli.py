"""The capvente command line, on a fresh database or a copy of the demo template (the seed
runs once per run, tests/conftest.py); ``serve`` and the repeating job as real processes."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from app.cli import cli
from app.common.clock import utcnow
from app.config import get_settings
from app.core.db import make_engine, make_session_factory
from app.models import LoginAttempt, User

runner = CliRunner()


@pytest.fixture
def fresh_url(new_database: Callable[[], str]) -> Iterator[str]:
    url = new_database()
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


@pytest.fixture
def demo_url(demo_database: Callable[[], str]) -> Iterator[str]:
    """A database of the test's own holding the demo world (as after migrate and seed)."""
    url = demo_database()
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def run(url: str, *args: str, input: str | None = None):
    get_settings.cache_clear()
    result = runner.invoke(cli, list(args), env={"DATABASE_URL": url}, input=input)
    get_settings.cache_clear()
    return result


def count_users(url: str) -> int:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        n = session.scalar(select(func.count(User.id))) or 0
    engine.dispose()
    return n


def test_migrate_seed_create_user_and_jobs(demo_url: str) -> None:
    """On the demo template's copy: both commands already ran, a second run changes nothing
    (the seed on an empty database: test_seed.py, test_seed_prospects.py)."""
    result = run(demo_url, "migrate")
    assert result.exit_code == 0, result.output
    assert "Base de données à jour" in result.output

    again = run(demo_url, "seed")
    assert again.exit_code == 0, again.output
    assert "0 compte(s) créé(s), 15 déjà présent(s)" in again.output
    assert "0 preuve(s) de cet historique" in again.output
    assert "0 cas d'entreprise publiés" in again.output
    assert "6 déjà présent(s)), 0 attribution(s)" in again.output
    assert count_users(demo_url) == 15

    created = run(
        demo_url, "create-user", "--email", "Direction@Centre.fr", "--full-name", "Direction",
        "--organisation", "centre", "--organisation-name", "Centre Sud",
        input="un mot de passe long\nun mot de passe long\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    assert "Compte admin créé : direction@centre.fr" in created.output
    duplicate = run(
        demo_url, "create-user", "--email", "direction@centre.fr", "--full-name", "X",
        "--password", "un mot de passe long",
    )  # fmt: skip
    assert duplicate.exit_code == 1
    short = run(
        demo_url, "create-user", "--email", "x@y.fr", "--full-name", "X", "--password", "court"
    )
    assert short.exit_code != 0
    assert count_users(demo_url) == 16

    engine = make_engine(demo_url)
    with make_session_factory(engine).begin() as session:
        session.add(LoginAttempt(email="a@b.fr", ip="1.1.1.1", succeeded=False,
                                 created_at=utcnow().replace(year=2020)))  # fmt: skip
    engine.dispose()
    pruned = run(demo_url, "jobs", "prune-login-attempts")
    assert pruned.exit_code == 0
    assert pruned.output.startswith("1 tentative")


def test_retention_job_is_a_dry_run_unless_applied(demo_url: str) -> None:
    dry = run(demo_url, "jobs", "retention")
    assert dry.exit_code == 0, dry.output
    assert "(simulation)" in dry.output
    expired = int(dry.output.split(" : ")[1].split(" ")[0])
    assert expired > 0  # the demo keeps a few old lost prospects for this job
    again = run(demo_url, "jobs", "retention")
    assert f"demo : {expired} fiche(s)" in again.output  # nothing was changed
    applied = run(demo_url, "jobs", "retention", "--apply")
    assert f"demo : {expired} fiche(s) anonymisée(s)" in applied.output
    assert "Nettoyage des fichiers : " in applied.output  # WAL checkpoint / VACUUM after commit
    after = run(demo_url, "jobs", "retention")
    assert "demo : 0 fiche(s)" in after.output
    assert "Nettoyage" not in after.output  # nobody anonymised: nothing to clean
    scrubbed = run(demo_url, "jobs", "scrub")
    assert scrubbed.exit_code == 0, scrubbed.output
    assert scrubbed.output.startswith("Nettoyage des fichiers (")


def test_watch_refresh_job_reports_what_it_did(fresh_url: str) -> None:
    assert run(fresh_url, "migrate").exit_code == 0
    done = run(fresh_url, "jobs", "watch-refresh")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Veille : 0 source(s) traitée(s), 0 nouvel(s) article(s)")


def test_loyalty_job_detects_inactive_accounts_once_a_day(demo_url: str) -> None:
    first = run(demo_url, "jobs", "loyalty")
    assert first.exit_code == 0, first.output
    summary = first.output.strip().splitlines()[-1]
    assert summary.startswith("Fidélisation : ")
    detected = int(summary.split(", ")[1].split(" ")[0])
    assert detected > 0  # the demo keeps customers who stopped ordering for this job
    again = run(demo_url, "jobs", "loyalty")
    assert ", 0 compte(s) devenu(s) inactif(s)" in again.output.strip().splitlines()[-1]


def test_help_lists_only_real_commands() -> None:
    result = runner.invoke(cli, ["--help"])
    for name in ("serve", "migrate", "seed", "create-user", "jobs"):
        assert name in result.output
    jobs = runner.invoke(cli, ["jobs", "--help"])
    assert "prune-login-attempts" in jobs.output
    assert "retention" in jobs.output
    assert "imports-cleanup" in jobs.output
    assert "loyalty" in jobs.output
    assert "scrub" in jobs.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Output:
    """A child's output, read line by line by a thread: waiting for a line has a deadline, a
    silent or stuck child fails the test instead of hanging the run."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        self.lines: list[str] = []
        self.ended = False
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(proc.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put(None)  # end of output

    def wait_for(self, done: Callable[[list[str]], bool], timeout: float) -> bool:
        """Reads lines until ``done(lines)``; False at the deadline or the end of the output."""
        deadline = time.monotonic() + timeout
        while not done(self.lines):
            if self.ended:
                return False
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return False
            if line is None:
                self.ended = True
            else:
                self.lines.append(line)
        return True

    def rest(self, timeout: float = 15) -> str:
        """The lines not read yet, up to the end of the output (the child has exited)."""
        seen = len(self.lines)
        self.wait_for(lambda _: self.ended, timeout)
        assert self.ended, f"the output did not end: {self.lines}"
        return "".join(self.lines[seen:])


def _start_server(env: dict[str, str]) -> tuple[subprocess.Popen[str], Output, str]:
    """``capvente serve`` on a port that was free a moment ago: if another process took it in
    between, the server cannot bind and exits, and it starts again on another port."""
    exe = Path(sys.executable).parent / "capvente"
    for _ in range(5):
        port = _free_port()
        proc = subprocess.Popen(
            [str(exe), "serve"], env={**env, "PORT": str(port)},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        output = Output(proc)
        base = f"http://127.0.0.1:{port}"
        # Importing the app takes seconds idle and can take a minute on two cores busy with
        # the rest of make test; a started server is seen within 0.2 s either way.
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        if proc.poll() is None and time.monotonic() < deadline:
            return proc, output, base
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=15)
        text = output.rest()
        if "address already in use" not in text.lower():
            raise AssertionError(f"server did not start:\n{text}")
    raise AssertionError("no free port after 5 tries")


def test_serve_answers_over_http_with_the_demo_accounts(demo_url: str, tmp_path: Path) -> None:
    # As `make run` does, after migrate and seed: the demo's watch sources are filled from
    # the app's own documents.
    watch = run(demo_url, "jobs", "watch-refresh")
    assert watch.exit_code == 0, watch.output
    assert "Veille : 60 source(s) traitée(s)" in watch.output
    assert watch.output.rstrip().endswith("0 en erreur.")
    env = {**os.environ, "DATABASE_URL": demo_url, "CAPVENTE_VAR_DIR": str(tmp_path / "var"),
           "CAPVENTE_LOG_LEVEL": "warning"}  # fmt: skip
    proc, out, base = _start_server(env)
    # A generous timeout: the first requests to a fresh server warm it up, on two cores that
    # the rest of make test keeps busy (httpx's default of 5 s was seen to run out).
    http = httpx.Client(base_url=base, timeout=60)
    try:
        token = http.post(
            "/api/v1/auth/token",
            data={"username": "stagiaire01@demo.capvente.fr", "password": "capvente-demo"},
        )
        assert token.status_code == 200
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        portfolio = http.get("/api/v1/me/portfolio", headers=auth)
        assert portfolio.status_code == 200
        assert len(portfolio.json()["competences"]) == 12
        items = http.get("/api/v1/watch/items?topic=regulation", headers=auth)
        assert items.status_code == 200
        assert items.json()["total"] > 0
        feed = http.get("/demo/watch/reglementation.rdf")
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("application/rdf+xml")
        assert "CapVente" in http.get("/").text
    finally:
        http.close()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        finally:
            proc.kill()  # no-op once it has exited
    out.rest()
    output = "".join(out.lines)
    assert f"CapVente : {base}" in output
    assert "stagiaire01@demo.capvente.fr" in output
    assert "formateur@demo.capvente.fr" in output


def test_watch_refresh_can_keep_running_on_its_own(fresh_url: str, tmp_path: Path) -> None:
    """--every N: the job runs again every N seconds until stopped, by SIGTERM as a service
    manager stops it (SIGINT, Ctrl+C, takes the same way; a child started in the background
    by a non-interactive shell ignores SIGINT, so the test does not rely on it)."""
    assert run(fresh_url, "migrate").exit_code == 0
    env = {**os.environ, "DATABASE_URL": fresh_url, "CAPVENTE_VAR_DIR": str(tmp_path / "var")}
    exe = Path(sys.executable).parent / "capvente"
    proc = subprocess.Popen(
        [str(exe), "jobs", "watch-refresh", "--every", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        out = Output(proc)
        rounds = out.wait_for(
            lambda lines: sum(line.startswith("Veille : 0 source") for line in lines) >= 2, 60
        )
        assert rounds, out.lines
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        rest = out.rest()
    finally:
        proc.kill()  # no-op once it has exited
    assert "Veille : arrêt demandé." in rest
