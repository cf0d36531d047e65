"""Bench: portfolio and evidence-journal reads for a trainee with a long journal.

Usage:  .venv/bin/python bench/portfolio.py [--url DATABASE_URL] [--records 20000] [--runs 30]

Builds a fresh database by the migrations (a temporary SQLite file unless --url is given),
writes ``--records`` evidence records (each tagged with a competence and a criterion) for one
trainee and 5 other trainees, then times GET /api/v1/me/portfolio and /api/v1/me/evidence
through the real app (TestClient). Prints p50/p95 and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
import warnings

from alembic import command
from sqlalchemy import insert, text

from app.cli import alembic_config
from app.common.clock import utcnow
from app.competences.catalogue import get_catalogue
from app.config import Settings
from app.core.db import make_engine, make_session_factory
from app.core.security import create_access_token
from app.main import create_app
from app.models import EvidenceLink, EvidenceRecord
from seed.demo import seed_demo

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    url = args.url or f"sqlite:///{tmp}/bench.db"
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        seed_demo(session)
        ids = [
            row[0]
            for row in session.execute(
                text("SELECT id FROM users WHERE role = 'trainee' ORDER BY id LIMIT 6")
            )
        ]
        org_id = session.execute(text("SELECT organisation_id FROM users LIMIT 1")).scalar_one()

    rng = random.Random(1)
    criteria = list(get_catalogue().criteria_by_code)
    started = time.perf_counter()
    batch = 2_000
    with factory.begin() as session:
        for start in range(0, args.records * 2, batch):
            rows = [
                {
                    "organisation_id": org_id,
                    "trainee_id": ids[0] if n % 2 == 0 else rng.choice(ids[1:]),
                    "action": "bench_action",
                    "label": "Action de bench",
                    "method": "POST",
                    "route": "/api/v1/bench",
                    "resource_type": "bench",
                    "resource_id": str(n),
                    "framework_version": get_catalogue().version,
                    "created_at": utcnow(),
                }
                for n in range(start, min(start + batch, args.records * 2))
            ]
            new_ids = session.scalars(
                insert(EvidenceRecord).returning(EvidenceRecord.id), rows
            ).all()
            links = []
            for eid in new_ids:
                crit = rng.choice(criteria)
                links += [
                    {"evidence_id": eid, "code": crit},
                    {"evidence_id": eid, "code": crit.split(".")[0]},
                ]
            session.execute(insert(EvidenceLink), links)
    load_s = time.perf_counter() - started

    settings = Settings(database_url=url, secret_key="bench-secret-key-long-enough-for-hs256!!")
    app = create_app(settings, session_factory=factory)
    token, _ = create_access_token(user_id=ids[0], secret=settings.jwt_secret(), minutes=60)
    headers = {"Authorization": f"Bearer {token}"}
    results = {}
    with TestClient(app) as client:
        for path in ("/api/v1/me/portfolio", "/api/v1/me/evidence?code=CP3"):
            assert client.get(path, headers=headers).status_code == 200  # warm-up
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                response = client.get(path, headers=headers)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
            times.sort()
            results[path] = (statistics.median(times), times[int(len(times) * 0.95) - 1])
    engine.dispose()

    backend = url.split(":", 1)[0]
    print(f"backend={backend} records_for_trainee={args.records} total_records={args.records * 2}")
    print(f"load: {load_s:.1f} s")
    for path, (p50, p95) in results.items():
        print(f"GET {path}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
