"""Bench: duplicate detection on 50,000 rows of near-identical names (issue 13, finding 12).

Usage:  .venv/bin/python bench/import_duplicates.py [--rows 50000] [--url DATABASE_URL]

The hostile file of the finding: every row in one postcode, named "Boulangerie Martin 00001",
"Boulangerie Martin 00002"... (token_sort_ratio ≥ 90 between most pairs), each with its own
e-mail. Before the fix they were taken as 49,990 duplicates and the dry-run took 110 s.
Then the same names without e-mails (real duplicates, whose comparisons are bounded by
``duplicates.MAX_NAME_CANDIDATES``).

Times the dry-run through the real app (TestClient: the background task runs before the
response returns), on a fresh database built by the migrations (a temporary SQLite file
unless --url is given). Prints the time, rows/s, and the duplicates found.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import warnings
from pathlib import Path

from alembic import command

from app.cli import alembic_config
from app.config import Settings
from app.core.db import make_engine, make_session_factory
from app.core.security import create_access_token
from app.main import create_app
from app.models import Organisation, Role, User

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def hostile_csv(rows: int, *, emails: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nom", "Type", "E-mail", "Code postal", "Ville"])
    for n in range(rows):
        email = f"contact{n}@boulangerie-martin.fr" if emails else ""
        writer.writerow([f"Boulangerie Martin {n:05d}", "entreprise", email, "13001", "Marseille"])
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp())
    url = args.url or f"sqlite:///{tmp}/bench.db"
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        org = Organisation(name="Centre bench", slug="bench-dup")
        session.add(org)
        session.flush()
        user = User(organisation_id=org.id, email="dup@example.org", full_name="Bench",
                    role=Role.TRAINEE, password_hash="x")  # fmt: skip
        session.add(user)
        session.flush()
        user_id = user.id
    settings = Settings(database_url=url, secret_key="bench-secret-key-long-enough-for-hs256!!")
    app = create_app(settings, session_factory=factory)
    token, _ = create_access_token(user_id=user_id, secret=settings.jwt_secret(), minutes=120)
    headers = {"Authorization": f"Bearer {token}"}
    backend = url.split(":", 1)[0]
    with TestClient(app) as client:
        for emails in (True, False):
            content = hostile_csv(args.rows, emails=emails)
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.post(
                "/api/v1/prospects/imports",
                files={"file": ("doublons.csv", content, "text/csv")},
                headers=headers,
            )
            assert response.status_code == 202, response.text
            job = client.get(f"/api/v1/prospects/imports/{response.json()['id']}",
                             headers=headers).json()  # fmt: skip
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            assert job["status"] == "validated", job.get("error")
            label = "distinct e-mails" if emails else "no e-mails"
            print(
                f"backend={backend} rows={job['total_rows']} ({label}): dry-run {wall:.1f} s, "
                f"{job['total_rows'] / wall:,.0f} rows/s (CPU {cpu:.1f} s); duplicates "
                f"{job['duplicate_rows']}, rows with bounded name comparisons "
                f"{job['report']['name_comparisons_capped']}"
            )
            client.delete(f"/api/v1/prospects/imports/{job['id']}", headers=headers)
    engine.dispose()


if __name__ == "__main__":
    main()
