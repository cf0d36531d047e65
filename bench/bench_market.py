"""Bench: exercises on a simulated market over HTTP — a cohort's week advanced as a job, and
one trainee's call answered.

Usage:
    .venv/bin/python bench/bench_market.py [--url DATABASE_URL] [--trainees 30]
        [--population 5000] [--calls 300] [--warmup 30] [--setup-calls 40] [--days 7]
        [--profile] [--keep]

Targets (issue 21): advancing one simulated week for a cohort of 30 trainees with 5,000
simulated prospects each: <= 10 s as a job with progress; one trainee action answered in
<= 50 ms p95.

1. Builds a fresh database by the migrations (a temporary SQLite file unless ``--url``; a
   PostgreSQL database is created if missing and emptied otherwise: the harness of
   bench/bench_follow_up.py) with one organisation, a trainer (trainer of the cohort) and a
   cohort of ``--trainees`` trainees, then starts the real server (``capvente serve``, one
   worker, bench/bench_agenda.py's harness with a longer wait for its first answer: a loaded
   machine has taken over a minute). Everything else goes through the API, with each user's
   bearer token:
2. the trainer creates the example business case (tests/data/business_case_example.json)
   and publishes it; creates an exercise from the template ``phoning-2026`` (ten simulated
   days from Monday 14 September 2026, seed 2126) with ``market.population`` =
   ``--population``, the default customer share (0.1: ~500 customers a run, whose later
   events are the advance's main work) and a generous phone market (reach 0.6, appointment
   rate 0.5: the calls below leave appointments due during the week); publishes it and
   assigns it to the cohort (one run per trainee);
3. each trainee starts their run (``POST /exercise-runs/{id}/start``, one after the other:
   the market's people enter their file) — timed per run, with the server's CPU; then the
   planner's statistics are gathered (SQLite ``ANALYZE``, PostgreSQL ``VACUUM ANALYZE``: the
   local PostgreSQL runs without autovacuum, which would have done it);
4. **one action** (target 2): on the first run, ``--warmup`` + ``--calls`` calls (``POST
   /exercise-runs/{id}/calls``) to distinct companies of the market (B2B: the channel policy
   lets them through), at hours 8–18, sequentially over one keep-alive connection (httpx);
   every answer checked (201, an outcome of the call tree, probabilities summing to 1, an
   appointment exactly for the outcome ``appointment``); p50/p95/p99 and the server's CPU
   per request;
5. every other run gets ``--setup-calls`` calls at 16:00 (on the first run the measured ones
   stand for them); the appointments they set fall within the week;
6. **the advance** (target 1): the trainer's ``POST /exercises/{id}/advance {days, version}``
   (202: the job runs in the server's background), then ``GET /exercises/{id}/runs`` every
   second (as a trainer's page would: each read counts every run's people) until every
   run's ``advance_done`` equals its ``advance_total``. The time reported is from the POST
   to the job's last write (the latest ``updated_at`` of the runs, on the same clock), with
   the poll that saw it done, samples of the progress (seconds: run-days played of those
   asked, runs done), the polls' latency idle and during the job, the server's CPU over
   that time, and the market events written (by kind, read from the database) with a
   **fingerprint** of them (SHA-256 of every event's run, day, id, kind, outcome, draw key
   and record, in order): the same fingerprint, the same outcomes, so a faster code can be
   checked against the slower one on the same build. Checks: every run is at its first day
   + ``--days``, every appointment due in the week was played (none still planned), no
   traceback in the server's log.
7. ``--profile``: afterwards, in process (the server stopped), one more day of the first run
   (``play.advance_runs``) and 20 calls to companies not called yet, each under cProfile with
   its SQL statements counted; prints the statements by kind and the top functions. (Both
   run cold: the first statements compile.)

Exit status: 0 every answer right and both targets met; 3 a target missed; 1 a wrong answer,
a server error or a failed build.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, event, func, insert, select
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_agenda as harness
from bench_follow_up import fresh_database

from app.config import normalise_database_url
from app.core.db import make_engine
from app.core.security import create_access_token
from app.models import (
    Appointment,
    AppointmentStatus,
    Cohort,
    ExerciseRun,
    MarketEvent,
    MarketPerson,
    Organisation,
    Prospect,
    ProspectKind,
    Role,
    User,
    cohort_trainers,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "business_case_example.json"
API = "/api/v1"
MONDAY = date(2026, 9, 14)
TARGET_ADVANCE_S, TARGET_CALL_P95_MS = 10.0, 50.0
CALL_OUTCOMES = {"no_answer", "gatekeeper", "callback", "appointment", "not_interested",
                 "objection", "wrong_target"}  # fmt: skip
MARKET = {"calls": {"reach_rate": 0.6, "appointment_rate": 0.5}}
#: How often the progress is read, as a trainer's page would (each read counts every run's
#: people: ~150 ms for this cohort on SQLite while the job runs, in the same process).
POLL_SECONDS = 1.0


def fail(message: str) -> None:
    raise SystemExit(f"WRONG ANSWER: {message}")


# ------------------------------------------------------------------ the database


@dataclass
class People:
    org: int
    cohort: int
    trainer: int
    trainees: list[int]


def people(engine: Engine, trainees: int) -> People:
    """One organisation, a trainer of the cohort, the cohort's trainees."""
    with engine.begin() as conn:
        org = conn.scalar(insert(Organisation).values(name="Bench", slug="bench")
                          .returning(Organisation.id))  # fmt: skip
        cohort = conn.scalar(insert(Cohort).values(organisation_id=org, name="Bench marché")
                             .returning(Cohort.id))  # fmt: skip
        trainer = conn.scalar(insert(User).values(
            organisation_id=org, email="formateur@bench.example", full_name="Formateur",
            role=Role.TRAINER, password_hash="!", is_active=True).returning(User.id))  # fmt: skip
        conn.execute(cohort_trainers.insert().values(cohort_id=cohort, user_id=trainer))
        ids = list(conn.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), [
            {"organisation_id": org, "email": f"stagiaire{n:02d}@bench.example",
             "full_name": f"Stagiaire {n:02d}", "role": Role.TRAINEE, "password_hash": "!",
             "cohort_id": cohort, "is_active": True}
            for n in range(1, trainees + 1)
        ]))  # fmt: skip
    assert org
    assert cohort
    assert trainer
    return People(org, cohort, trainer, ids)


def companies(engine: Engine, run_id: int) -> list[int]:
    """The run's market companies (prospect ids, in the market's order)."""
    with engine.connect() as conn:
        return list(conn.scalars(
            select(Prospect.id).join(MarketPerson, MarketPerson.prospect_id == Prospect.id)
            .where(MarketPerson.run_id == run_id, Prospect.kind == ProspectKind.COMPANY)
            .order_by(MarketPerson.id)
        ))  # fmt: skip


def planned_in(engine: Engine, owners: list[int], first: date, last: date) -> int:
    """Appointments still planned between two simulated days (Paris), the owners'."""
    from app.exercises.runs import moment

    with engine.connect() as conn:
        return int(conn.scalar(
            select(func.count()).select_from(Appointment).where(
                Appointment.owner_id.in_(owners),
                Appointment.status == AppointmentStatus.PLANNED,
                Appointment.starts_at >= moment(first, 0),
                Appointment.starts_at < moment(last + timedelta(days=1), 0),
            )
        ) or 0)  # fmt: skip


def analyze(engine: Engine) -> None:
    """Planner statistics after the starts' loads (150,000 prospects), as the other benches
    gather them: PostgreSQL's autovacuum would, SQLite's only when asked (the import does)."""
    t0 = time.perf_counter()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    print(f"planner statistics gathered ({time.perf_counter() - t0:.1f} s)")


# ------------------------------------------------------------------ HTTP


class Api:
    """One keep-alive connection, each user's bearer token."""

    def __init__(self, base: str, users: list[int]) -> None:
        self.client = httpx.Client(base_url=base, timeout=300,
                                   headers={"Accept": "application/json"})  # fmt: skip
        self.tokens = {
            user: create_access_token(user_id=user, secret=harness.SECRET, minutes=240)[0]
            for user in users
        }

    def send(self, user: int, method: str, path: str, body: Any = None, code: int = 200,
             **params: Any) -> httpx.Response:  # fmt: skip
        auth = {"Authorization": f"Bearer {self.tokens[user]}"}
        response = self.client.request(method, API + path, json=body, params=params or None,
                                       headers=auth)  # fmt: skip
        if response.status_code != code:
            fail(f"{method} {path}: {response.status_code} (expected {code}) "
                 f"{response.text[:500]}")  # fmt: skip
        return response

    def json(self, user: int, method: str, path: str, body: Any = None, code: int = 200,
             **params: Any) -> Any:  # fmt: skip
        return self.send(user, method, path, body, code, **params).json()


def check_call(response: httpx.Response, prospect_id: int) -> dict[str, Any]:
    if response.status_code != 201:
        fail(f"call to prospect {prospect_id}: {response.status_code} {response.text[:300]}")
    body: dict[str, Any] = response.json()
    if body["outcome"] not in CALL_OUTCOMES or abs(sum(body["probabilities"].values()) - 1) > 1e-6:
        fail(f"call to prospect {prospect_id}: {body}")
    if (body["outcome"] == "appointment") != (body["appointment_id"] is not None):
        fail(f"call to prospect {prospect_id}: appointment {body['appointment_id']} for "
             f"outcome {body['outcome']}")  # fmt: skip
    return body


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    return (f"p50 {harness.percentile(ordered, 50):.1f}, p95 {harness.percentile(ordered, 95):.1f}"
            f", p99 {harness.percentile(ordered, 99):.1f}, max {ordered[-1]:.1f}")  # fmt: skip


# ------------------------------------------------------------------ profile


def profile(url: str, exercise_id: int, run_id: int, trainee: int, targets: list[int]) -> None:
    """One more day of a run and 20 calls, in process: statements and top functions."""
    from sqlalchemy.orm import Session

    from app.config import Settings
    from app.core.db import make_session_factory
    from app.core.principal import Principal
    from app.exercises import answers, play
    from app.exercises.schemas import CallCreate
    from app.models import Exercise

    engine = make_engine(url)
    sessions = make_session_factory(engine)
    settings = Settings(database_url=url, secret_key=harness.SECRET)
    statements: Counter[str] = Counter()

    @event.listens_for(engine, "before_cursor_execute")
    def grab(_c: Any, _cur: Any, statement: str, _p: Any, _ctx: Any, many: bool) -> None:
        words = " ".join(statement.split())
        table = ""
        for marker in (" FROM ", "INSERT INTO ", "UPDATE "):
            if marker in words:
                table = words.split(marker, 1)[1].split(" ", 1)[0]
                break
        statements[f"{words.split(' ', 1)[0]} {table}{' (many)' if many else ''}"] += 1

    def show(title: str, work: Any, units: int) -> None:
        statements.clear()
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        work()
        prof.disable()
        seconds = time.perf_counter() - t0
        print(f"\n=== {title}: {seconds * 1000:.0f} ms, {sum(statements.values())} statements"
              f" ({sum(statements.values()) / units:.1f} per unit)")  # fmt: skip
        for what, n in statements.most_common(15):
            print(f"    {n:6d}  {what}")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)

    def one_day() -> None:
        play.advance_runs(sessions, settings, exercise_id, [run_id], 1)

    def calls() -> None:
        with Session(engine) as session:
            user = session.get(User, trainee)
            assert user is not None
            principal = Principal(user_id=trainee, organisation_id=user.organisation_id,
                                  role=Role.TRAINEE, cohort_id=user.cohort_id,
                                  scopes=frozenset())  # fmt: skip
        for prospect_id in targets:
            with sessions.begin() as session:
                exercise = session.get(Exercise, exercise_id)
                run = session.get(ExerciseRun, run_id)
                assert exercise is not None
                assert run is not None
                answers.call(session, principal, settings, exercise, run,
                             CallCreate(prospect_id=prospect_id, hour=10))  # fmt: skip

    show(f"one simulated day of run {run_id}, in process", one_day, 1)
    show(f"{len(targets)} calls, in process", calls, len(targets))
    engine.dispose()


# ------------------------------------------------------------------ steps


@dataclass
class Setup:
    eid: int
    runs: list[dict[str, Any]]


def exercise_for(api: Api, who: People, population: int, trainees: int) -> Setup:
    """The trainer's part: the example case, the exercise, the cohort's runs."""
    trainer = who.trainer
    t0 = time.perf_counter()
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    case = api.json(trainer, "POST", "/business-cases", doc, 201)
    api.json(trainer, "POST", f"/business-cases/{case['id']}/publish",
             {"version": case["version"]}, 201)  # fmt: skip
    exercise = api.json(trainer, "POST", "/exercises", {
        "title": "Bench : une semaine de phoning", "template": "phoning-2026",
        "business_case_id": case["id"], "starts_on": MONDAY.isoformat(), "seed": 2126,
        "market": {"population": population, **MARKET},
    }, 201)  # fmt: skip
    exercise = api.json(trainer, "POST", f"/exercises/{exercise['id']}/publish",
                        {"version": exercise["version"]})  # fmt: skip
    eid = exercise["id"]
    runs = api.json(trainer, "POST", f"/exercises/{eid}/assignments",
                    {"cohort_id": who.cohort}, 201)  # fmt: skip
    if len(runs) != trainees:
        fail(f"{len(runs)} runs for {trainees} trainees")
    market = exercise["market"]
    print(f"exercise {eid}: template phoning-2026, {exercise['days']} days from {MONDAY}, "
          f"population {market['population']}, customer share "
          f"{market['people']['customer_share']}; {len(runs)} runs (case, exercise, "
          f"assignment: {time.perf_counter() - t0:.1f} s)")  # fmt: skip
    return Setup(eid, runs)


def start_runs(api: Api, pid: int, runs: list[dict[str, Any]], population: int) -> None:
    """Each trainee starts their run, one after the other."""
    starts: list[float] = []
    cpu0 = harness.proc_cpu_seconds(pid)
    for run in runs:
        s0 = time.perf_counter()
        started = api.json(run["trainee_id"], "POST", f"/exercise-runs/{run['id']}/start",
                           {"version": run["version"]})  # fmt: skip
        starts.append((time.perf_counter() - s0) * 1000)
        if (started["status"], started["people"]) != ("running", population):
            fail(f"run {run['id']} started as {started}")
    cpu = harness.proc_cpu_seconds(pid) - cpu0
    print(f"starts ({len(runs)} runs, {population:,} people each, sequential): "
          f"{sum(starts) / 1000:.1f} s in all; per run ms {summary(starts)}; server CPU "
          f"{cpu / len(runs) * 1000:.0f} ms/run")  # fmt: skip


def measure_calls(api: Api, pid: int, run: dict[str, Any], targets: list[int],
                  warmup: int) -> bool:  # fmt: skip
    """Calls to distinct companies of one run, one after the other (the first ``warmup``
    not timed); whether p95 meets the target."""
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    cpu0 = 0.0
    path = f"/exercise-runs/{run['id']}/calls"
    for i, prospect_id in enumerate(targets):
        if i == warmup:
            cpu0 = harness.proc_cpu_seconds(pid)
        s0 = time.perf_counter()
        response = api.send(run["trainee_id"], "POST", path,
                            {"prospect_id": prospect_id, "hour": 8 + i % 11}, 201)  # fmt: skip
        elapsed = (time.perf_counter() - s0) * 1000
        body = check_call(response, prospect_id)
        if i >= warmup:
            latencies.append(elapsed)
            outcomes[body["outcome"]] += 1
    n = len(latencies)
    cpu = harness.proc_cpu_seconds(pid) - cpu0
    met = harness.percentile(sorted(latencies), 95) <= TARGET_CALL_P95_MS
    print(f"POST /exercise-runs/{{id}}/calls: {n} calls to distinct companies after {warmup} "
          f"warm-up (httpx, one connection): ms {summary(latencies)}; server CPU "
          f"{cpu / n * 1000:.1f} ms/request (the checks' pauses included: idle server); "
          f"outcomes {dict(outcomes.most_common())}; p95 <= {TARGET_CALL_P95_MS:.0f} ms: "
          f"{'yes' if met else 'NO'}")  # fmt: skip
    return met


def setup_calls(api: Api, engine: Engine, runs: list[dict[str, Any]], calls: int) -> None:
    """Calls at 16:00 on the other runs: the appointments they set fall in the week."""
    s0 = time.perf_counter()
    made = 0
    for run in runs:
        path = f"/exercise-runs/{run['id']}/calls"
        for prospect_id in companies(engine, run["id"])[:calls]:
            response = api.send(run["trainee_id"], "POST", path,
                                {"prospect_id": prospect_id, "hour": 16}, 201)  # fmt: skip
            check_call(response, prospect_id)
            made += 1
    print(f"setup calls: {made} on the {len(runs)} other runs "
          f"({time.perf_counter() - s0:.1f} s)")  # fmt: skip


def advance(api: Api, engine: Engine, pid: int, who: People, setup: Setup, days: int) -> bool:
    """The trainer's advance of every run, polled until done; whether it met the target."""
    eid, runs = setup.eid, setup.runs
    owners = [r["trainee_id"] for r in runs]
    week = (MONDAY + timedelta(days=1), MONDAY + timedelta(days=days))
    due = planned_in(engine, owners, *week)
    with engine.connect() as conn:
        before = conn.scalar(select(func.max(MarketEvent.id))) or 0
    exercise = api.json(who.trainer, "GET", f"/exercises/{eid}")
    idle = []
    for _ in range(5):
        p0 = time.perf_counter()
        api.json(who.trainer, "GET", f"/exercises/{eid}/runs", limit=200)
        idle.append((time.perf_counter() - p0) * 1000)
    cpu0 = harness.proc_cpu_seconds(pid)
    posted = datetime.now(UTC)
    a0 = time.perf_counter()
    accepted = api.json(who.trainer, "POST", f"/exercises/{eid}/advance",
                        {"days": days, "version": exercise["version"]}, 202)  # fmt: skip
    answered = time.perf_counter() - a0
    if len(accepted) != len(runs):
        fail(f"the advance took {len(accepted)} runs of {len(runs)}")
    samples: list[tuple[float, int, int, int]] = []
    polls: list[float] = []
    while True:
        p0 = time.perf_counter()
        page = api.json(who.trainer, "GET", f"/exercises/{eid}/runs", limit=200)["items"]
        elapsed = time.perf_counter() - a0
        polls.append((elapsed - (p0 - a0)) * 1000)
        samples.append((elapsed, sum(r["advance_done"] for r in page),
                        sum(r["advance_total"] for r in page),
                        sum(r["advance_done"] == r["advance_total"] for r in page)))  # fmt: skip
        if samples[-1][3] == len(page) == len(runs):
            break
        if elapsed > 900:
            fail(f"the advance is not done after {elapsed:.0f} s: {samples[-1]}")
        time.sleep(POLL_SECONDS)
    seen = samples[-1][0]
    cpu = harness.proc_cpu_seconds(pid) - cpu0
    with engine.connect() as conn:
        last_write = conn.scalar(
            select(func.max(ExerciseRun.updated_at)).where(ExerciseRun.exercise_id == eid)
        )
    assert last_write is not None
    wall = (last_write.replace(tzinfo=last_write.tzinfo or UTC) - posted).total_seconds()
    met = wall <= TARGET_ADVANCE_S
    shown = samples[:: max(1, len(samples) // 12)]
    if shown[-1] is not samples[-1]:
        shown.append(samples[-1])
    print(f"POST /exercises/{eid}/advance {{days: {days}}}: 202 in {answered * 1000:.0f} ms "
          f"({due} appointments due in the week); the job's last write {wall:.2f} s after the "
          f"POST (the runs' updated_at), seen done by the poll at {seen:.1f} s; server CPU "
          f"{cpu:.1f} s; <= {TARGET_ADVANCE_S:.0f} s: {'yes' if met else 'NO'}")  # fmt: skip
    print(f"  GET /exercises/{{id}}/runs: {statistics.median(idle):.0f} ms idle (median of 5), "
          f"{statistics.median(polls):.0f} ms median and {max(polls):.0f} ms max during the "
          f"job ({len(polls)} polls, every {POLL_SECONDS:g} s)")  # fmt: skip
    print("  progress (s: run-days done / asked, runs done): " + "; ".join(
        f"{t:.1f}: {d}/{tot}, {f}" for t, d, tot, f in shown))  # fmt: skip
    end = week[1].isoformat()
    wrong = [r["id"] for r in page if r["today"] != end]
    if wrong:
        fail(f"runs {wrong} are not at {end}")
    with engine.connect() as conn:
        written = conn.execute(
            select(MarketEvent.run_id, MarketEvent.day, MarketEvent.id, MarketEvent.kind,
                   MarketEvent.outcome, MarketEvent.draw_key, MarketEvent.record)
            .where(MarketEvent.id > before).order_by(MarketEvent.id)
        ).all()  # fmt: skip
    kinds = Counter(row.kind for row in written).most_common()
    # What the market did, whatever the code's speed: equal fingerprints, equal outcomes.
    fingerprint = hashlib.sha256(repr([tuple(map(str, row)) for row in written]).encode())
    left = planned_in(engine, owners, *week)
    print(f"  market events written: {len(written):,} {dict(kinds)}; fingerprint "
          f"{fingerprint.hexdigest()[:16]}; appointments of the week still planned: "
          f"{left}")  # fmt: skip
    played = dict(kinds).get("appointment", 0)
    if played < due or left:
        fail(f"{due} appointments were due, {played} played, {left} still planned")
    return met


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--population", type=int, default=5000)
    parser.add_argument("--calls", type=int, default=300, help="measured calls")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--setup-calls", type=int, default=40, help="calls per other run")
    parser.add_argument("--days", type=int, default=7, help="days advanced (<= 9)")
    parser.add_argument("--profile", action="store_true", help="profile a day and 20 calls")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not 1 <= args.days <= 9:
        parser.error("--days: 1 to 9 (the exercise lasts ten days)")

    # A SIGTERM (another session's clean-up, a timeout) ends the run through the ``finally``
    # blocks: the server stopped, the temporary directory kept and named.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated (SIGTERM)"))
    tmp = tempfile.mkdtemp(prefix="capvente-market-bench-")
    url = normalise_database_url(args.url) if args.url else f"sqlite:///{tmp}/market.db"
    backend = make_url(url).get_backend_name()
    met = done = False
    try:
        t0 = time.perf_counter()
        engine = fresh_database(url)
        who = people(engine, args.trainees)
        print(f"{backend} database migrated, {args.trainees} trainees "
              f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip
        t0 = time.perf_counter()
        proc, base, log = harness.start_server(url, tmp, wait_s=300)
        time.sleep(4)  # the served app's warm-up thread (app/main.py)
        print(f"server up ({time.perf_counter() - t0:.1f} s, 4 s of it the warm-up pause)")
        api = Api(base, [who.trainer, *who.trainees])
        try:
            setup = exercise_for(api, who, args.population, args.trainees)
            start_runs(api, proc.pid, setup.runs, args.population)
            analyze(engine)
            first = setup.runs[0]
            targets = companies(engine, first["id"])
            n = args.warmup + args.calls
            if len(targets) < n + 20:
                fail(f"{len(targets)} companies in the market: fewer than {n + 20}")
            call_met = measure_calls(api, proc.pid, first, targets[:n], args.warmup)
            setup_calls(api, engine, setup.runs[1:], args.setup_calls)
            advance_met = advance(api, engine, proc.pid, who, setup, args.days)
            print(f"server peak RSS {harness.proc_peak_rss_mib(proc.pid):.0f} MiB")
            met = call_met and advance_met
        finally:
            api.client.close()
            harness.stop_server(proc)
        if any("Traceback" in line for line in log.read_text().splitlines()):
            raise SystemExit(f"server errors, see {log}")
        if args.profile:
            profile(url, setup.eid, first["id"], first["trainee_id"], targets[n : n + 20])
        engine.dispose()
        done = True
    finally:
        if done and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")
    print("answers right; " + ("every target met" if met else "a target is MISSED"))
    sys.exit(0 if met else 3)


if __name__ == "__main__":
    main()
