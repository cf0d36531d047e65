"""The capvente command line, on a fresh database; ``serve`` as a real server process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

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


def test_migrate_seed_create_user_and_jobs(fresh_url: str) -> None:
    result = run(fresh_url, "migrate")
    assert result.exit_code == 0, result.output
    assert "Base de données à jour" in result.output

    first = run(fresh_url, "seed")
    assert first.exit_code == 0
    assert "14 compte(s) créé(s)" in first.output
    again = run(fresh_url, "seed")
    assert "0 compte(s) créé(s), 14 déjà présent(s)" in again.output
    assert count_users(fresh_url) == 14

    created = run(
        fresh_url, "create-user", "--email", "Direction@Centre.fr", "--full-name", "Direction",
        "--organisation", "centre", "--organisation-name", "Centre Sud",
        input="un mot de passe long\nun mot de passe long\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    assert "Compte admin créé : direction@centre.fr" in created.output
    duplicate = run(
        fresh_url, "create-user", "--email", "direction@centre.fr", "--full-name", "X",
        "--password", "un mot de passe long",
    )  # fmt: skip
    assert duplicate.exit_code == 1
    short = run(
        fresh_url, "create-user", "--email", "x@y.fr", "--full-name", "X", "--password", "court"
    )
    assert short.exit_code != 0
    assert count_users(fresh_url) == 15

    engine = make_engine(fresh_url)
    with make_session_factory(engine).begin() as session:
        session.add(LoginAttempt(email="a@b.fr", ip="1.1.1.1", succeeded=False,
                                 created_at=utcnow().replace(year=2020)))  # fmt: skip
    engine.dispose()
    pruned = run(fresh_url, "jobs", "prune-login-attempts")
    assert pruned.exit_code == 0
    assert pruned.output.startswith("1 tentative")


def test_retention_job_is_a_dry_run_unless_applied(fresh_url: str) -> None:
    assert run(fresh_url, "migrate").exit_code == 0
    assert run(fresh_url, "seed").exit_code == 0
    dry = run(fresh_url, "jobs", "retention")
    assert dry.exit_code == 0, dry.output
    assert "(simulation)" in dry.output
    expired = int(dry.output.split(" : ")[1].split(" ")[0])
    assert expired > 0  # the demo keeps a few old lost prospects for this job
    again = run(fresh_url, "jobs", "retention")
    assert f"demo : {expired} fiche(s)" in again.output  # nothing was changed
    applied = run(fresh_url, "jobs", "retention", "--apply")
    assert f"demo : {expired} fiche(s) anonymisée(s)" in applied.output
    assert "Nettoyage des fichiers : " in applied.output  # WAL checkpoint / VACUUM after commit
    after = run(fresh_url, "jobs", "retention")
    assert "demo : 0 fiche(s)" in after.output
    assert "Nettoyage" not in after.output  # nobody anonymised: nothing to clean
    scrubbed = run(fresh_url, "jobs", "scrub")
    assert scrubbed.exit_code == 0, scrubbed.output
    assert scrubbed.output.startswith("Nettoyage des fichiers (")


def test_watch_refresh_job_reports_what_it_did(fresh_url: str) -> None:
    assert run(fresh_url, "migrate").exit_code == 0
    done = run(fresh_url, "jobs", "watch-refresh")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Veille : 0 source(s) traitée(s), 0 nouvel(s) article(s)")


def test_help_lists_only_real_commands() -> None:
    result = runner.invoke(cli, ["--help"])
    for name in ("serve", "migrate", "seed", "create-user", "jobs"):
        assert name in result.output
    jobs = runner.invoke(cli, ["jobs", "--help"])
    assert "prune-login-attempts" in jobs.output
    assert "retention" in jobs.output
    assert "imports-cleanup" in jobs.output
    assert "scrub" in jobs.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_over_http_with_the_demo_accounts(fresh_url: str, tmp_path: Path) -> None:
    assert run(fresh_url, "migrate").exit_code == 0
    assert run(fresh_url, "seed").exit_code == 0
    # As `make run` does: the demo's watch sources are filled from the app's own documents.
    watch = run(fresh_url, "jobs", "watch-refresh")
    assert watch.exit_code == 0, watch.output
    assert "Veille : 60 source(s) traitée(s)" in watch.output
    assert watch.output.rstrip().endswith("0 en erreur.")
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": fresh_url, "PORT": str(port),
           "CAPVENTE_VAR_DIR": str(tmp_path / "var"), "CAPVENTE_LOG_LEVEL": "warning"}  # fmt: skip
    exe = Path(sys.executable).parent / "capvente"
    proc = subprocess.Popen(
        [str(exe), "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        token = httpx.post(
            f"{base}/api/v1/auth/token",
            data={"username": "stagiaire01@demo.capvente.fr", "password": "capvente-demo"},
        )
        assert token.status_code == 200
        portfolio = httpx.get(
            f"{base}/api/v1/me/portfolio",
            headers={"Authorization": f"Bearer {token.json()['access_token']}"},
        )
        assert portfolio.status_code == 200
        assert len(portfolio.json()["competences"]) == 12
        items = httpx.get(
            f"{base}/api/v1/watch/items?topic=regulation",
            headers={"Authorization": f"Bearer {token.json()['access_token']}"},
        )
        assert items.status_code == 200
        assert items.json()["total"] > 0
        feed = httpx.get(f"{base}/demo/watch/reglementation.rdf")
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("application/rdf+xml")
        assert "CapVente" in httpx.get(f"{base}/").text
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=15)
    assert f"CapVente : http://127.0.0.1:{port}" in output
    assert "stagiaire01@demo.capvente.fr" in output
    assert "formateur@demo.capvente.fr" in output


def test_watch_refresh_can_keep_running_on_its_own(fresh_url: str, tmp_path: Path) -> None:
    """--every N: the job runs again every N seconds until stopped (no cron needed)."""
    assert run(fresh_url, "migrate").exit_code == 0
    env = {**os.environ, "DATABASE_URL": fresh_url, "CAPVENTE_VAR_DIR": str(tmp_path / "var")}
    exe = Path(sys.executable).parent / "capvente"
    proc = subprocess.Popen(
        [str(exe), "jobs", "watch-refresh", "--every", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while sum(line.startswith("Veille : 0 source") for line in lines) < 2:
        assert time.monotonic() < deadline, lines
        lines.append(proc.stdout.readline())
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, rest
    assert "Veille : arrêt demandé." in rest
