"""Bench: a 200-line quote computed with its breakdown over HTTP, and its PDF.

Usage:
    .venv/bin/python bench/bench_quotes.py [--url DATABASE_URL] [--requests 200] [--warmup 30]
        [--pdfs 10]

Targets (issue 16): a quote of 200 lines computed with its breakdown p95 <= 50 ms over HTTP;
its PDF <= 1 s.

1. Builds a fresh database by the migrations (a temporary SQLite file unless ``--url``; a
   PostgreSQL database is created if missing and emptied otherwise) with one organisation,
   a trainer, a trainee, the example business case (tests/data/business_case_example.json,
   published and assigned), a prospect of its segment "cabinets-pme" and an opportunity.
2. Starts the real server (``capvente serve``, one worker) on a free port (the harness of
   bench/bench_agenda.py).
3. Sends, over one keep-alive connection (httpx, sequential): ``POST /api/v1/quotes/compute``
   with 200 lines (catalogue products in turn, each with one or two chained discounts within
   the limits, and free lines at the four TVA rates), two document reductions and the
   escompte: the figures and the eight steps of the breakdown, nothing saved; then the same
   lines saved as a quote and ``GET /api/v1/quotes/{id}?steps=true`` (read back, computed
   again, with the breakdown); prints p50/p95/p99 and the server's CPU per request. Then
   ``--pdfs`` times ``GET /api/v1/quotes/{id}/document?format=pdf`` (its pages and size).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_agenda as harness

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.config import normalise_database_url
from app.core.db import make_engine
from app.core.principal import Principal
from app.core.security import create_access_token
from app.models import (
    BusinessCaseAssignment,
    Cohort,
    Opportunity,
    Organisation,
    Prospect,
    Role,
    SizeBand,
    User,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "business_case_example.json"
LINES = 200
TARGET_P95_MS = 50.0
TARGET_PDF_S = 1.0


def build(url: str) -> tuple[int, int, float]:
    """A fresh database; the trainee's and the opportunity's ids, seconds."""
    t0 = time.perf_counter()
    sa_url = make_url(url)
    engine = _fresh(url, sa_url)
    with Session(engine) as session, session.begin():
        org = session.scalar(insert(Organisation).values(name="Bench", slug="bench")
                             .returning(Organisation.id))  # fmt: skip
        cohort = session.scalar(insert(Cohort).values(organisation_id=org, name="Bench")
                                .returning(Cohort.id))  # fmt: skip
        trainer = session.scalar(insert(User).values(
            organisation_id=org, email="formateur@bench.example", full_name="F", role=Role.TRAINER,
            password_hash="!", is_active=True).returning(User.id))  # fmt: skip
        trainee = session.scalar(insert(User).values(
            organisation_id=org, email="stagiaire@bench.example", full_name="S", role=Role.TRAINEE,
            password_hash="!", cohort_id=cohort, is_active=True).returning(User.id))  # fmt: skip
        assert org
        assert cohort
        assert trainer
        assert trainee
        principal = Principal(user_id=trainer, organisation_id=org, role=Role.TRAINER,
                              cohort_id=None, scopes=frozenset())  # fmt: skip
        doc = BusinessCaseDocument.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
        case = cases.create_case(session, principal, doc)
        cases.publish(session, principal, case, case.version)
        session.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort))
        session.flush()
        active = cases.active_case(session, trainee)
        assert active is not None
        prospect = Prospect(owner_id=trainee, kind="company", name="Cabinet Durand",
                            naf_code="86.21Z", size_band=SizeBand.SMALL, postcode="69003",
                            city="Lyon", tags=[])  # fmt: skip
        session.add(prospect)
        session.flush()
        opportunity = Opportunity(owner_id=trainee, prospect_id=prospect.id,
                                  business_case_version_id=active.version.id,
                                  title="Équipement du cabinet")  # fmt: skip
        session.add(opportunity)
        session.flush()
        opportunity_id = opportunity.id
    engine.dispose()
    return trainee, opportunity_id, time.perf_counter() - t0


def _fresh(url: str, sa_url: Any) -> Any:
    from alembic import command
    from sqlalchemy import text

    from app.cli import alembic_config

    if sa_url.get_backend_name() == "postgresql":
        admin = make_engine(sa_url.set(database="postgres").render_as_string(hide_password=False))
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                               {"n": sa_url.database}):  # fmt: skip
                conn.exec_driver_sql(f'CREATE DATABASE "{sa_url.database}"')
        admin.dispose()
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    elif sa_url.database:
        for suffix in ("", "-wal", "-shm"):
            Path(sa_url.database + suffix).unlink(missing_ok=True)
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.upgrade(config, "head")
    return make_engine(url)


def lines() -> list[dict[str, Any]]:
    """200 lines: the catalogue's products in turn (one discount, or two chained, within the
    salesperson's 5 %), every fifth a free line at one of the four TVA rates."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    refs = [p["reference"] for p in doc["catalogue"]["products"]]
    rates = ["20", "10", "5.5", "2.1"]
    out: list[dict[str, Any]] = []
    for i in range(LINES):
        if i % 5 == 4:
            out.append({"label": f"Prestation {i}", "quantity": str(1 + i % 7),
                        "unit_price_ht": f"{10 + i * 1.37:.2f}", "tva_rate": rates[i % 4],
                        "unit_cost_ht": f"{5 + i * 0.61:.2f}", "discounts": ["2.5"]})  # fmt: skip
        else:
            out.append({"product_reference": refs[i % len(refs)], "quantity": str(1 + i % 4),
                        "discounts": ["2"] if i % 2 else ["1.5", "1"]})  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--pdfs", type=int, default=10)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="capvente-quotes-bench-")
    url = normalise_database_url(args.url) if args.url else f"sqlite:///{tmp}/quotes.db"
    trainee, opportunity_id, seconds = build(url)
    print(f"built {make_url(url).get_backend_name()} database in {seconds:.1f} s")
    token, _ = create_access_token(user_id=trainee, secret=harness.SECRET, minutes=120,
                                   credential_version=0)  # fmt: skip
    proc, base, log = harness.start_server(url, tmp)
    # A served app warms up in a thread after it answers (communes, WeasyPrint and its fonts:
    # app/main.py); measured requests start once it is done.
    time.sleep(4)
    body = {
        "opportunity_id": opportunity_id,
        "escompte_rate": "1",
        "reductions": [{"kind": "remise", "rate": "1"}, {"kind": "rabais", "amount": "15.30"}],
        "lines": lines(),
    }
    try:
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            first = client.post("/api/v1/quotes/compute", json=body)
            if first.status_code != 200:
                raise SystemExit(f"compute: {first.status_code} {first.text[:500]}")
            f = first.json()
            print(f"POST /api/v1/quotes/compute: {len(f['lines'])} lines, {len(f['tva'])} TVA "
                  f"rates, {len(f['steps'])} steps, TTC {f['total_ttc']} €, "
                  f"{len(first.content) / 1024:.0f} KiB")  # fmt: skip
            report("compute (POST, nothing saved)", time_requests(
                client, proc.pid, "POST", "/api/v1/quotes/compute", body, args))  # fmt: skip
            saved = client.post("/api/v1/quotes", json=body)
            if saved.status_code != 201:
                raise SystemExit(f"create: {saved.status_code} {saved.text[:500]}")
            quote_id = saved.json()["id"]
            path = f"/api/v1/quotes/{quote_id}?steps=true"
            report("read with its breakdown (GET ?steps=true)",
                   time_requests(client, proc.pid, "GET", path, None, args))  # fmt: skip
            pdf_ms, size = [], 0
            for _ in range(max(1, args.pdfs)):
                t0 = time.perf_counter()
                answer = client.get(f"/api/v1/quotes/{quote_id}/document?format=pdf")
                pdf_ms.append((time.perf_counter() - t0) * 1000)
                answer.raise_for_status()
                size = len(answer.content)
            first, pdf_ms = pdf_ms[0], sorted(pdf_ms)
            verdict = "yes" if pdf_ms[-1] <= TARGET_PDF_S * 1000 else "NO"
            print(f"GET …/document?format=pdf ({LINES} lines, {size / 1024:.0f} KiB): first "
                  f"{first:.0f} ms, p50 {harness.percentile(pdf_ms, 50):.0f} ms, p95 "
                  f"{harness.percentile(pdf_ms, 95):.0f} ms, max {pdf_ms[-1]:.0f} ms over "
                  f"{len(pdf_ms)}; every one <= 1 s: {verdict}")  # fmt: skip
        print(f"server peak RSS {harness.proc_peak_rss_mib(proc.pid):.0f} MiB")
    finally:
        harness.stop_server(proc)
    if any("Traceback" in line for line in log.read_text().splitlines()):
        raise SystemExit(f"server errors, see {log}")


def time_requests(
    client: httpx.Client,
    pid: int,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    args: argparse.Namespace,
) -> harness.Timing:
    for _ in range(args.warmup):
        client.request(method, path, json=body).raise_for_status()
    latencies = []
    cpu0 = harness.proc_cpu_seconds(pid)
    size = 0
    for _ in range(args.requests):
        t0 = time.perf_counter()
        response = client.request(method, path, json=body)
        latencies.append((time.perf_counter() - t0) * 1000)
        response.raise_for_status()
        size = len(response.content)
    cpu = harness.proc_cpu_seconds(pid) - cpu0
    latencies.sort()
    p50, p95, p99 = (harness.percentile(latencies, pct) for pct in (50, 95, 99))
    return harness.Timing(args.requests, p50, p95, p99, cpu / args.requests * 1000, size)


def report(what: str, t: harness.Timing) -> None:
    verdict = "yes" if t.p95 <= TARGET_P95_MS else "NO"
    print(f"  {what}: {t.requests} requests (httpx, one connection): p50 {t.p50:.1f} ms, "
          f"p95 {t.p95:.1f} ms, p99 {t.p99:.1f} ms; server CPU {t.cpu_ms:.1f} ms/request; "
          f"p95 <= 50 ms: {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
