"""Bench: the agenda over HTTP with 5,000 items in one trainee's 92-day period.

Usage:
    .venv/bin/python bench/bench_agenda.py [--url DATABASE_URL] [--requests 200]
        [--warmup 20] [--feeds 5] [--tool auto|wrk|httpx] [--no-build]

Target (issue 15): one trainee with 5,000 agenda items in the period, ``GET /api/v1/agenda``
p95 <= 50 ms over HTTP, on SQLite and on PostgreSQL (one API worker).

1. Builds a fresh database by the migrations (a temporary SQLite file unless ``--url``; a
   PostgreSQL database is created if missing and emptied otherwise), then bulk-inserts, for
   the measured trainee and for a neighbour with the same volumes (so that every query has
   to pick one owner's rows out of the table): in the 92-day period starting three days
   from today, 2,000 appointments (8:00–19:00, 30–90 min: some overlap, flagged as double
   bookings), 1,500 tasks (half at a time, half all day), 1,408 next-contact dates and 92
   tour days (23 tours of four days) — 5,000 items; and as many records again outside the
   period (before and after it). Planner statistics as the product gathers them (SQLite
   ``ANALYZE``, PostgreSQL ``VACUUM ANALYZE``).
2. Starts the real server (``capvente serve``, one worker, log level warning) on a free port.
3. Checks one answer (5,000 items, its double bookings, its size), then sends ``--warmup``
   and ``--requests`` requests for the whole period over one keep-alive connection, with
   ``wrk`` like bench/prospects_list.py (its Lua script, bench/prospects_list.lua) or, when
   wrk is missing (or ``--tool httpx``), sequentially with httpx; prints p50/p95/p99 and the
   server's CPU time per request (from /proc). Then, for information, the iCalendar feed
   (30 days back, 180 ahead: the same 5,000 items and more): ``--feeds`` first fetches of
   distinct feeds (each document written) and as many fetches of one of them (the cached
   document).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import httpx
from alembic import command
from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url

from app.agenda.feeds import token_hash
from app.cli import alembic_config
from app.common.text import fold
from app.config import normalise_database_url
from app.core.db import make_engine
from app.core.security import create_access_token
from app.models import (
    Appointment,
    CalendarFeed,
    Cohort,
    Organisation,
    Prospect,
    Role,
    Task,
    Tour,
    TourDay,
    User,
)

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 50.0
SECRET = "bench-secret-key-long-enough-for-hs256-agenda!!!!!"
PARIS = ZoneInfo("Europe/Paris")
SPAN_DAYS = 92
APPOINTMENTS, TASKS, NEXT_CONTACTS, TOURS, TOUR_DAYS = 2_000, 1_500, 1_408, 23, 4
ITEMS = APPOINTMENTS + TASKS + NEXT_CONTACTS + TOURS * TOUR_DAYS  # 5,000
FEEDS = 20  # feeds of the trainee (each first fetch writes its document)
LUA = Path(__file__).resolve().parent / "prospects_list.lua"


def feed_token(n: int) -> str:
    return f"bench-agenda-feed-token-{n:04d}-0123456789abcdef"


CITIES = ["Lyon", "Villeurbanne", "Vénissieux", "Bron", "Caluire-et-Cuire", "Vienne"]
DURATIONS = [30, 45, 60, 90]
STATUSES = ["planned"] * 8 + ["done", "cancelled"]
TASK_TITLES = ["Relancer", "Préparer la visite", "Envoyer le devis", "Appeler", "Rappeler"]


# ------------------------------------------------------------------ the data


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), PARIS).astimezone(UTC)


def records(owner_id: int, org_id: int, first: date, rng: random.Random) -> dict[str, Any]:
    """Rows for one trainee: ``ITEMS`` in the period, as many outside it."""
    now = datetime.now(UTC)
    out: dict[str, list[dict[str, Any]]] = {"prospects": [], "appointments": [], "tasks": [],
                                             "tours": []}  # fmt: skip
    # Prospects: the next-contact dates, in the period for NEXT_CONTACTS of them, before or
    # after it for as many more; the appointments and tasks point to them.
    for n in range(2 * NEXT_CONTACTS):
        inside = n < NEXT_CONTACTS
        offset = rng.randrange(SPAN_DAYS) if inside else rng.choice(
            [-rng.randrange(1, 200), SPAN_DAYS + rng.randrange(0, 200)]
        )  # fmt: skip
        name = f"Entreprise {owner_id}-{n}"
        city = rng.choice(CITIES)
        out["prospects"].append({
            "owner_id": owner_id, "kind": "company", "name": name, "city": city,
            "postcode": "69003", "status": "prospect", "priority": "B", "tags": [],
            "next_contact_on": first + timedelta(days=offset),
            "search_text": fold(f"{name} {city}"), "anonymised": False,
            "created_at": now, "updated_at": now, "version": 1,
        })  # fmt: skip

    def moment(inside: bool) -> datetime:
        offset = rng.randrange(SPAN_DAYS) if inside else rng.choice(
            [-rng.randrange(1, 200), SPAN_DAYS + rng.randrange(0, 200)]
        )  # fmt: skip
        return local(
            first + timedelta(days=offset), rng.randrange(8, 19), rng.choice([0, 15, 30, 45])
        )

    for n in range(2 * APPOINTMENTS):
        out["appointments"].append({
            "owner_id": owner_id, "prospect_n": rng.randrange(2 * NEXT_CONTACTS),
            "starts_at": moment(n < APPOINTMENTS), "duration_minutes": rng.choice(DURATIONS),
            "place": rng.choice(CITIES), "status": rng.choice(STATUSES),
            "notes": "", "created_at": now, "updated_at": now, "version": 1,
        })  # fmt: skip
    for n in range(2 * TASKS):
        due = moment(n < TASKS)
        timed = n % 2 == 0
        out["tasks"].append({
            "owner_id": owner_id, "organisation_id": org_id,
            "title": rng.choice(TASK_TITLES), "notes": "",
            "due_on": due.astimezone(PARIS).date(), "due_at": due if timed else None,
            "reminder_at": due - timedelta(hours=1) if timed and n % 4 == 0 else None,
            "done_at": now if n % 5 == 0 else None,
            "link_kind": "prospect" if n % 3 == 0 else None,
            "prospect_n": rng.randrange(2 * NEXT_CONTACTS) if n % 3 == 0 else None,
            "created_at": now, "updated_at": now, "version": 1,
        })  # fmt: skip
    # Tours of four consecutive days: TOURS in the period (one after the other), as many
    # before it.
    for n in range(2 * TOURS):
        start = first + timedelta(days=n * TOUR_DAYS) if n < TOURS else first - timedelta(
            days=(n - TOURS + 1) * TOUR_DAYS + 1
        )  # fmt: skip
        out["tours"].append({"owner_id": owner_id, "name": f"Tournée {n + 1}", "first_day": start})
    return out


def build(url: str, first: date) -> tuple[int, float]:
    """A fresh database with the bench's records; the measured trainee's id, seconds."""
    t0 = time.perf_counter()
    sa_url = make_url(url)
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

    engine = make_engine(url)
    rng = random.Random(15)
    with engine.begin() as conn:
        org_id = conn.scalar(insert(Organisation).values(name="Bench", slug="bench")
                             .returning(Organisation.id))  # fmt: skip
        cohort_id = conn.scalar(insert(Cohort).values(organisation_id=org_id, name="Bench")
                                .returning(Cohort.id))  # fmt: skip
        owners = []
        for n in (1, 2):
            owners.append(conn.scalar(insert(User).values(
                organisation_id=org_id, email=f"stagiaire{n}@bench.example", full_name=f"S {n}",
                role=Role.TRAINEE, password_hash="!", cohort_id=cohort_id, is_active=True,
            ).returning(User.id)))  # fmt: skip
        for owner in owners:
            rows = records(owner, org_id, first, rng)
            prospect_ids = list(conn.scalars(
                insert(Prospect).returning(Prospect.id, sort_by_parameter_order=True),
                rows["prospects"],
            ))  # fmt: skip
            for row in rows["appointments"]:
                row["prospect_id"] = prospect_ids[row.pop("prospect_n")]
            conn.execute(insert(Appointment), rows["appointments"])
            for row in rows["tasks"]:
                n = row.pop("prospect_n")
                row["link_id"] = prospect_ids[n] if n is not None else None
            conn.execute(insert(Task), rows["tasks"])
            for row in rows["tours"]:
                tour_id = conn.scalar(insert(Tour).values(
                    owner_id=row["owner_id"], name=row["name"], mode="car",
                    first_day=row["first_day"], days_count=TOUR_DAYS, request={}, plan={},
                    matrix_source="haversine", total_km=Decimal("320"), baseline_km=Decimal("360"),
                    co2_total_kg=Decimal("45.4"), visits_planned=20, visits_unassigned=0,
                ).returning(Tour.id))  # fmt: skip
                conn.execute(insert(TourDay), [
                    {"tour_id": tour_id, "day_index": i, "visits": 5,
                     "day": row["first_day"] + timedelta(days=i), "planned_km": Decimal("80.5")}
                    for i in range(TOUR_DAYS)
                ])  # fmt: skip
        conn.execute(insert(CalendarFeed), [
            {"owner_id": owners[0], "label": f"Bench {n}", "token_hash": token_hash(feed_token(n))}
            for n in range(FEEDS)
        ])  # fmt: skip
    if sa_url.get_backend_name() == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    with engine.connect() as conn:
        trainee = conn.scalar(select(User.id).where(User.email == "stagiaire1@bench.example"))
    engine.dispose()
    assert trainee is not None
    return trainee, time.perf_counter() - t0


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:
    """In the server (preexec_fn): SIGTERM when this script dies, however it dies."""
    import ctypes

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_server(
    url: str, var_dir: str, wait_s: float = 60
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """The real server on a free port; ``wait_s``: how long its first answer may take (a
    loaded machine has taken over a minute)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "PORT": str(port), "CAPVENTE_WORKERS": "1",
           "CAPVENTE_LOG_LEVEL": "warning", "CAPVENTE_SECRET_KEY": SECRET,
           "CAPVENTE_VAR_DIR": var_dir}  # fmt: skip
    log = Path(var_dir) / "server.log"
    exe = Path(sys.executable).parent / "capvente"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(exe), "serve"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited ({proc.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return proc, base, log
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server did not answer /healthz within {wait_s:g} s:\n{log.read_text()}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ------------------------------------------------------------------ measuring


def percentile(sorted_ms: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    return sorted_ms[max(1, math.ceil(pct / 100 * len(sorted_ms))) - 1]


@dataclass
class Timing:
    requests: int
    p50: float
    p95: float
    p99: float
    cpu_ms: float
    size: int


def measure(client: httpx.Client, pid: int, path: str, params: dict[str, Any], warmup: int,
            requests: int) -> Timing:  # fmt: skip
    """Sequential requests over one keep-alive connection (httpx)."""
    for _ in range(warmup):
        client.get(path, params=params).raise_for_status()
    latencies = []
    cpu0 = proc_cpu_seconds(pid)
    size = 0
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(path, params=params)
        size = len(response.content)
        latencies.append((time.perf_counter() - t0) * 1000)
        response.raise_for_status()
    cpu = proc_cpu_seconds(pid) - cpu0
    latencies.sort()
    p50, p95, p99 = (percentile(latencies, pct) for pct in (50, 95, 99))
    return Timing(requests, p50, p95, p99, cpu / requests * 1000, size)


def measure_wrk(url: str, token: str, pid: int, requests: int, size: int) -> Timing:
    """``requests`` requests with wrk over one connection (bench/prospects_list.lua)."""
    env = {**os.environ, "BENCH_TOKEN": token, "BENCH_REQUESTS_PER_THREAD": str(requests)}
    cpu0 = proc_cpu_seconds(pid)
    wrk = subprocess.Popen(
        ["wrk", "-t1", "-c1", "-d3600s", "--timeout", "120s", "-s", str(LUA), url],
        env=env, preexec_fn=_die_with_parent, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert wrk.stderr is not None
    while True:
        line = wrk.stderr.readline()
        if not line or line.strip() == "BENCH_THREAD_DONE":
            break
    if wrk.poll() is None:
        wrk.send_signal(signal.SIGINT)  # wrk's main thread sleeps for -d otherwise
    out, err = wrk.communicate(timeout=60)
    cpu = proc_cpu_seconds(pid) - cpu0
    found = [x for x in out.splitlines() if x.startswith("BENCH_JSON ")]
    if not found:
        raise SystemExit(f"wrk failed ({wrk.returncode}):\n{out}\n{err}")
    d = json.loads(found[0].removeprefix("BENCH_JSON "))
    errors = sum(d[k] for k in ("connect_errors", "read_errors", "write_errors",
                                "status_errors", "timeouts"))  # fmt: skip
    if errors:
        raise SystemExit(f"wrk: {errors} errors")
    return Timing(d["requests"], d["p50_us"] / 1000, d["p95_us"] / 1000, d["p99_us"] / 1000,
                  cpu / d["requests"] * 1000, size)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--feeds", type=int, default=5, help=f"feeds fetched (<= {FEEDS})")
    parser.add_argument("--tool", choices=["auto", "wrk", "httpx"], default="auto")
    parser.add_argument("--no-build", action="store_true", help="reuse the database at --url")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="capvente-agenda-bench-")
    url = normalise_database_url(args.url) if args.url else f"sqlite:///{tmp}/agenda.db"
    first = datetime.now(PARIS).date() + timedelta(days=3)
    last = first + timedelta(days=SPAN_DAYS - 1)
    if args.no_build:
        engine = make_engine(url)
        with engine.connect() as conn:
            trainee = conn.scalar(select(User.id).where(User.email == "stagiaire1@bench.example"))
        engine.dispose()
        assert trainee is not None, "no bench data at --url: run without --no-build"
        print("database reused (its period may differ from today's)")
    else:
        trainee, seconds = build(url, first)
        print(f"built {make_url(url).get_backend_name()} database in {seconds:.1f} s: "
              f"{ITEMS:,} items in {first} … {last} for trainee {trainee}, as many outside "
              "the period, the same for a neighbour")  # fmt: skip

    token, _ = create_access_token(user_id=trainee, secret=SECRET, minutes=120,
                                   credential_version=0)  # fmt: skip
    tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "httpx")
    proc, base, log = start_server(url, tmp)
    try:
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            params = {"from": first.isoformat(), "to": last.isoformat()}
            response = client.get("/api/v1/agenda", params=params)
            response.raise_for_status()
            body = response.json()
            kinds: dict[str, int] = {}
            for item in body["items"]:
                kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
            print(f"GET /api/v1/agenda ({SPAN_DAYS} days): {len(body['items']):,} items "
                  f"{kinds}, {body['conflicts']:,} in double bookings, "
                  f"{len(response.content) / 1024:.0f} KiB")  # fmt: skip
            if len(body["items"]) != ITEMS:
                raise SystemExit(f"expected {ITEMS} items, got {len(body['items'])}")
            if tool == "wrk":
                url_ = f"{base}/api/v1/agenda?{urlencode(params)}"
                measure_wrk(url_, token, proc.pid, args.warmup, len(response.content))
                timing = measure_wrk(url_, token, proc.pid, args.requests, len(response.content))
            else:
                timing = measure(client, proc.pid, "/api/v1/agenda", params, args.warmup,
                                 args.requests)  # fmt: skip
            verdict = "yes" if timing.p95 <= TARGET_P95_MS else "NO"
            print(f"  {timing.requests} requests ({tool}, one connection): p50 {timing.p50:.1f} "
                  f"ms, p95 {timing.p95:.1f} ms, p99 {timing.p99:.1f} ms; server CPU "
                  f"{timing.cpu_ms:.1f} ms/request; p95 <= 50 ms: {verdict}")  # fmt: skip
            feeds = min(args.feeds, FEEDS)
            if feeds:
                written, cached = [], []
                events = size = 0
                for n in range(feeds):
                    for store in (written, cached):  # the first fetch writes, the second reads
                        t0 = time.perf_counter()
                        answer = client.get(f"/api/v1/calendar/{feed_token(n)}.ics")
                        store.append((time.perf_counter() - t0) * 1000)
                        answer.raise_for_status()
                        events, size = answer.text.count("BEGIN:VEVENT"), len(answer.content)
                written.sort()
                cached.sort()
                print(f"GET /api/v1/calendar/<token>.ics (30 days back, 180 ahead): {events:,} "
                      f"events, {size / 1024:.0f} KiB; document written: p50 "
                      f"{percentile(written, 50):.0f} ms, max {written[-1]:.0f} ms ({feeds} "
                      f"feeds); cached: p50 {percentile(cached, 50):.1f} ms, max "
                      f"{cached[-1]:.1f} ms")  # fmt: skip
        print(f"server peak RSS {proc_peak_rss_mib(proc.pid):.0f} MiB")
    finally:
        stop_server(proc)
    errors = [line for line in log.read_text().splitlines() if "Traceback" in line]
    if errors:
        raise SystemExit(f"server errors, see {log}")


if __name__ == "__main__":
    main()
