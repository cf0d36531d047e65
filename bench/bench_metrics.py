"""Bench: every metric of the registry for a cohort of 30 trainees with a year of activity.

Usage:  .venv/bin/python bench/bench_metrics.py [--url DATABASE_URL] [--trainees 30]
        [--other-trainees 30] [--runs 20] [--load-only | --reuse]

Builds a fresh database by the migrations (a temporary SQLite file unless --url is given:
the PostgreSQL database must exist, it is downgraded to base then migrated), then bulk-loads
a year (2026) of activity for each trainee of the cohort, and as much for the trainees of a
second cohort (they share the tables, as a training centre's cohorts do): 400 prospects with
their status history, 2,000 interactions (85 % outbound, a third of them for one of 6
campaigns of 50 members), 300 appointments, 50 tours of 3 days (150 tour days, 80 % logged),
200 watch items (60 % classified). Then times, over ``--runs`` repetitions after a warm-up:

- ``year (compute)``: ``registry.compute`` of every metric for the 30 trainees over the year;
- ``12 months, one compute each``: the same for each month of the year (12 calls);
- ``12 months and the year (compute_slices)``: the year cut in months, every month and the
  whole year from one query per metric (what a yearly plan's progress with its monthly
  split reads);
- ``HTTP``: ``GET /api/v1/metrics/values?cohort_id=…`` over the year, as the cohort's
  trainer, through the whole app (TestClient);
- ``plan progress``: each trainee of the cohort has a validated yearly plan (under a
  business case of the seed) with an objective on every metric of the registry, each
  additive one split into its 12 months (234 objectives a plan); ``progress.cohort`` (the
  trainer's cohort view: every objective's actual, gap and status for the 30 plans) in
  process and over HTTP (``GET /api/v1/plans/cohort-progress``) — the issue's target;

and each count or sum alone over the year (median), to show where the time goes. Prints
p50/p95 in milliseconds. ``--load-only`` builds the database and stops; ``--reuse`` times a
database built so (to measure again without loading it again). Target (issue 15): plan
progress (all metrics) for a cohort of 30 trainees with a year of activity ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session, sessionmaker

import app.providers  # noqa: F401  (every domain registers its metrics)
from app.cli import alembic_config
from app.config import Settings
from app.core.db import make_engine, make_session_factory
from app.core.principal import Principal
from app.core.security import create_access_token
from app.main import create_app
from app.metrics import registry
from app.models import (
    Appointment,
    BusinessCase,
    BusinessCaseVersion,
    Campaign,
    CampaignMember,
    Cohort,
    Interaction,
    Organisation,
    Plan,
    PlanObjective,
    Prospect,
    ProspectStatusChange,
    Role,
    Tour,
    TourDay,
    User,
    WatchItem,
    cohort_trainers,
)
from app.plans import progress

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

YEAR = 2026
START = datetime(YEAR, 1, 1, tzinfo=UTC)
SECONDS = 365 * 24 * 3600
OUTCOMES = ["no_answer", "gatekeeper", "callback", "appointment", "info_sent",
            "not_interested", "wrong_target", "objection", "qualified"]  # fmt: skip
MODES = ["car", "car", "diesel_car", "electric_car", "hybrid_car"]


def moment(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(SECONDS))


def load_trainee(session: Session, rng: random.Random, owner: int) -> int:
    """A year of one trainee's activity (bulk inserts); the number of rows written."""
    rows = 0
    prospects = session.scalars(
        insert(Prospect).returning(Prospect.id),
        [{"owner_id": owner, "kind": "company", "name": f"Entreprise {owner}-{n}",
          "status": "prospect", "priority": "C", "tags": [], "search_text": f"entreprise {n}"}
         for n in range(400)],
    ).all()  # fmt: skip
    changes = []
    status_of: dict[int, list[tuple[datetime, str]]] = {}
    for pid in prospects:
        when = moment(rng) - timedelta(days=rng.randrange(120))
        steps: list[tuple[str | None, str, datetime]] = [(None, "prospect", when)]
        if rng.random() < 0.5:
            when += timedelta(days=rng.randrange(1, 60))
            steps.append(("prospect", "qualified", when))
            if rng.random() < 0.3:
                when += timedelta(days=rng.randrange(1, 60))
                steps.append(("qualified", "customer", when))
                if rng.random() < 0.3:
                    when += timedelta(days=rng.randrange(1, 90))
                    steps.append(("customer", "inactive", when))
        status_of[pid] = [(w, s) for _, s, w in steps]
        changes += [{"owner_id": owner, "prospect_id": pid, "from_status": f, "to_status": t,
                     "changed_by": owner, "changed_at": w} for f, t, w in steps]  # fmt: skip
    session.execute(insert(ProspectStatusChange), changes)
    rows += len(prospects) + len(changes)

    campaigns = session.scalars(
        insert(Campaign).returning(Campaign.id),
        [{"owner_id": owner, "name": f"Campagne {n}", "channel": "phone", "saved_filter": {},
          "message_template": ""} for n in range(6)],
    ).all()  # fmt: skip
    members: dict[int, list[int]] = {c: rng.sample(prospects, 50) for c in campaigns}
    session.execute(
        insert(CampaignMember),
        [{"owner_id": owner, "campaign_id": c, "prospect_id": p}
         for c, ps in members.items() for p in ps],
    )  # fmt: skip
    rows += len(campaigns) + 300

    interactions = []
    for _ in range(2_000):
        campaign = rng.choice(campaigns) if rng.random() < 0.33 else None
        prospect = rng.choice(members[campaign]) if campaign else rng.choice(prospects)
        interactions.append({
            "owner_id": owner, "prospect_id": prospect, "campaign_id": campaign,
            "channel": "phone", "direction": "outbound" if rng.random() < 0.85 else "inbound",
            "outcome": rng.choice(OUTCOMES), "occurred_at": moment(rng), "notes": "",
        })  # fmt: skip
    session.execute(insert(Interaction), interactions)
    rows += len(interactions)

    appointments = []
    for _ in range(300):
        created = moment(rng)
        status = rng.choices(["done", "planned", "cancelled"], [60, 25, 15])[0]
        appointments.append({
            "owner_id": owner, "prospect_id": rng.choice(prospects), "status": status,
            "starts_at": created + timedelta(days=rng.randrange(1, 21)), "notes": "",
            "created_at": created, "updated_at": created,
        })  # fmt: skip
    session.execute(insert(Appointment), appointments)
    rows += len(appointments)

    tours = session.execute(
        insert(Tour).returning(Tour.id, Tour.first_day),
        [{"owner_id": owner, "name": f"Tournée {n}", "mode": rng.choice(MODES),
          "first_day": date(YEAR, 1, 1) + timedelta(days=rng.randrange(362)), "days_count": 3,
          "request": {}, "plan": {}, "matrix_source": "haversine", "total_km": 0,
          "baseline_km": 0, "co2_total_kg": 0, "visits_planned": 0, "visits_unassigned": 0}
         for n in range(50)],
    )  # fmt: skip
    days = []
    for tour_id, first_day in tours.all():
        for i in range(3):
            planned = Decimal(rng.randrange(20_000, 200_000)) / 1000
            actual = planned * Decimal(rng.uniform(0.9, 1.2)) if rng.random() < 0.8 else None
            days.append({
                "tour_id": tour_id, "day_index": i, "day": first_day + timedelta(days=i),
                "planned_km": planned, "visits": rng.randrange(2, 9),
                "actual_km": None if actual is None else actual.quantize(Decimal("0.001")),
            })  # fmt: skip
    session.execute(insert(TourDay), days)
    rows += 50 + len(days)

    session.execute(
        insert(WatchItem),
        [{"owner_id": owner, "dedup_key": f"{owner}-{n}", "title": "Info", "summary": "",
          "topic": "market", "tags": [], "suggestion_reasons": [], "extra": {},
          "classification": rng.choice(["fact", "opinion"]) if rng.random() < 0.6 else None,
          "created_at": moment(rng)} for n in range(200)],
    )  # fmt: skip
    return rows + 200


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, float]:
    """p50, p95 and the best time in ms (the best shows the cost on a shared machine)."""
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], times[0]


def months() -> list[tuple[date, date]]:
    out = []
    for m in range(1, 13):
        first = date(YEAR, m, 1)
        out.append((first, (first.replace(day=28) + timedelta(days=4)).replace(day=1)
                    - timedelta(days=1)))  # fmt: skip
    return out


CASE = Path(__file__).parent.parent / "seed" / "data" / "business_cases" / "telecom.json"


def load_plans(session: Session, organisation_id: int, owners: list[int]) -> int:
    """A published case and, for each trainee, a validated yearly plan with an objective on
    every metric (additive ones split by month)."""
    document = json.loads(CASE.read_text(encoding="utf-8"))
    case = BusinessCase(organisation_id=organisation_id, name=document["identity"]["name"],
                        draft=document, status="published", published_number=1)  # fmt: skip
    session.add(case)
    session.flush()
    version = BusinessCaseVersion(business_case_id=case.id, number=1, document=document)
    session.add(version)
    session.flush()
    rows = 2
    for owner in owners:
        plan = Plan(owner_id=owner, title="PAC annuel", business_case_version_id=version.id,
                    period_kind="year", starts_on=date(YEAR, 1, 1), ends_on=date(YEAR, 12, 31),
                    status="validated")  # fmt: skip
        session.add(plan)
        session.flush()
        for position, metric in enumerate(registry.all_metrics()):
            root = PlanObjective(
                owner_id=owner, plan_id=plan.id, metric_code=metric.code, label=metric.label,
                target=Decimal(1200), position=position,
            )  # fmt: skip
            session.add(root)
            session.flush()
            rows += 2
            if metric.kind is registry.MetricKind.RATIO:
                continue
            session.execute(insert(PlanObjective), [
                {"owner_id": owner, "plan_id": plan.id, "parent_id": root.id,
                 "metric_code": metric.code, "label": f"{metric.label} {m:02d}",
                 "target": Decimal(100), "dimension": "month", "slice_key": f"{YEAR}-{m:02d}",
                 "position": position, "success_criterion": "", "weight": 1}
                for m in range(1, 13)
            ])  # fmt: skip
            rows += 12
    return rows


def build(url: str, args: argparse.Namespace) -> tuple[Any, ...]:
    """A fresh database by the migrations, loaded: (engine, session factory, rows written,
    load seconds, the cohort's trainees, the cohort, its trainer)."""
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(url)
    factory: sessionmaker[Session] = make_session_factory(engine)
    rng = random.Random(15)
    started = time.perf_counter()
    rows = 0
    with factory.begin() as session:
        org = Organisation(name="Centre de bench", slug="centre-bench")
        session.add(org)
        session.flush()
        trainer = User(organisation_id=org.id, email="formateur@bench.test", full_name="Formateur",
                       role="trainer", password_hash="x")  # fmt: skip
        cohorts = [Cohort(organisation_id=org.id, name=f"Cohorte {n}") for n in range(2)]
        session.add_all([trainer, *cohorts])
        session.flush()
        session.execute(insert(cohort_trainers).values(cohort_id=cohorts[0].id, user_id=trainer.id))
        trainees: list[list[int]] = []
        for cohort, count in zip(cohorts, (args.trainees, args.other_trainees), strict=True):
            trainees.append(list(session.scalars(
                insert(User).returning(User.id),
                [{"organisation_id": org.id, "email": f"s{cohort.id}-{n}@bench.test",
                  "full_name": f"Stagiaire {cohort.id}-{n}", "role": "trainee",
                  "password_hash": "x", "cohort_id": cohort.id} for n in range(count)],
            )))  # fmt: skip
        for owner in trainees[0] + trainees[1]:
            rows += load_trainee(session, rng, owner)
        rows += load_plans(session, org.id, trainees[0])
        cohort_id, trainer_id = cohorts[0].id, trainer.id
    with factory.begin() as session:
        session.execute(text("ANALYZE"))  # PostgreSQL's autovacuum would; SQLite when asked
    load_s = time.perf_counter() - started
    return engine, factory, rows, load_s, trainees[0], cohort_id, trainer_id


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None)
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--other-trainees", type=int, default=30)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load-only", action="store_true", help="build the database and stop")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="--url already holds a database built by --load-only: time it",
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    url = args.url or f"sqlite:///{tmp}/bench.db"
    if args.reuse:
        engine = make_engine(url)
        factory: sessionmaker[Session] = make_session_factory(engine)
        with factory() as session:
            cohort_id, trainer_id = session.execute(
                select(cohort_trainers.c.cohort_id, cohort_trainers.c.user_id)
            ).one()
            owners = list(session.scalars(
                select(User.id).where(User.cohort_id == cohort_id).order_by(User.id)
            ))  # fmt: skip
            rows = 0
        load_s = 0.0
    else:
        engine, factory, rows, load_s, owners, cohort_id, trainer_id = build(url, args)
    if args.load_only:
        print(f"loaded {rows} rows into {url} in {load_s:.1f} s")
        return

    codes = [m.code for m in registry.all_metrics()]
    year = (date(YEAR, 1, 1), date(YEAR, 12, 31))

    def compute(periods: Sequence[tuple[date, date]]) -> Callable[[], None]:
        def run() -> None:
            with factory() as session:
                for start, end in periods:
                    registry.compute(session, codes, owners, start, end)

        return run

    def sliced() -> None:
        with factory() as session:
            registry.compute_slices(session, codes, owners, months())

    results = {
        "year (compute)": timed(compute([year]), args.runs),
        "12 months, one compute each": timed(compute(months()), args.runs),
        "12 months and the year (compute_slices)": timed(sliced, args.runs),
    }
    settings = Settings(database_url=url, secret_key="bench-secret-key-long-enough-for-hs256!!")
    app = create_app(settings, session_factory=factory)
    token, _ = create_access_token(user_id=trainer_id, secret=settings.jwt_secret(), minutes=60)
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/metrics/values?cohort_id={cohort_id}&from={YEAR}-01-01&to={YEAR}-12-31"
    with TestClient(app) as client:
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["trainees"]) == len(owners)

        def http() -> None:
            assert client.get(path, headers=headers).status_code == 200

        results["HTTP, year"] = timed(http, args.runs)
        progress_path = f"/api/v1/plans/cohort-progress?cohort_id={cohort_id}&on={YEAR}-12-31"
        answer = client.get(progress_path, headers=headers)
        assert answer.status_code == 200, answer.text
        objectives = sum(len(row["objectives"]) for row in answer.json())

        def http_progress() -> None:
            assert client.get(progress_path, headers=headers).status_code == 200

        with factory() as session:
            organisation = session.scalar(select(User.organisation_id).where(User.id == trainer_id))
            trainer = Principal(user_id=trainer_id, role=Role.TRAINER, cohort_id=None,
                                scopes=frozenset(), organisation_id=organisation)  # fmt: skip

        def in_process() -> None:
            with factory() as session:
                progress.cohort(session, trainer, cohort_id, date(YEAR, 12, 31))

        # As the served app does after its start (app.main): what is loaded so far is moved
        # out of the collector's way, so that a full collection scans what requests allocate.
        gc.collect()
        gc.freeze()

        results[f"plan progress, cohort ({objectives} objectives), in process"] = timed(
            in_process, args.runs
        )
        results["plan progress, cohort, HTTP"] = timed(http_progress, args.runs)
    per_metric = {}
    whole = registry.Period(*year)
    for metric in registry.all_metrics():
        if metric.compute is None:
            continue
        with factory() as session:

            def one(session: Session = session, fn: Any = metric.compute) -> None:
                fn(session, owners, whole)

            per_metric[metric.code] = timed(one, 5)[0]
    engine.dispose()

    backend = url.split(":", 1)[0].split("+")[0]
    print(f"backend={backend} cohort={len(owners)} trainees, other cohort="
          f"{args.other_trainees} trainees, rows={rows}, load {load_s:.1f} s")  # fmt: skip
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"metrics={len(codes)} ({len(per_metric)} counts or sums), load average {load}")
    for name, (p50, p95, best) in results.items():
        print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (best {best:.1f})")
    print("each count or sum over the year (median of 5): " + ", ".join(
        f"{code} {ms:.1f}" for code, ms in sorted(per_metric.items(), key=lambda kv: -kv[1])
    ))  # fmt: skip


if __name__ == "__main__":
    main()
