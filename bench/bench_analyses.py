"""Bench: issue 19's gap analysis over a cohort of 30 trainees with 1,000,000 activity events.

Usage:  .venv/bin/python bench/bench_analyses.py [--url DATABASE_URL] [--trainees 30]
        [--other-trainees 30] [--other-scale 0.1] [--runs 10] [--load-only | --reuse]

Builds a fresh database by the migrations (a temporary SQLite file unless --url is given:
the PostgreSQL database must exist, it is downgraded to base then migrated), then bulk-loads
a year (2026) of activity for each trainee of the cohort — about 44,000 rows each, 1.3 million
for the 30 — and a tenth as much (``--other-scale``) for the trainees of a second cohort
sharing the tables (executemany of Core inserts, COPY on PostgreSQL for the tables whose ids
are not needed back; one transaction per trainee; about 1.5 minutes on either backend):

- 1,500 prospects created over the year, with their status history (suspect or prospect,
  then for some qualified, customer, inactive or lost);
- 12 campaigns (9 by phone, 3 by e-mail) of 150 members;
- 24,000 outbound interactions on the working hours (8h–19h UTC, Monday to Friday) of 2026:
  phone 70 % (2–10 min), e-mail 20 % (5 min), visit and video 10 % (45–90 and 20–60 min), a
  realistic mix of outcomes (nearly half unreached: no answer, gatekeeper), a third for a member
  of a campaign of their channel; and 1,000 inbound ones;
- 2,000 appointments of 60 minutes (before the bench's today, 2026-12-07: 80 % done, 15 %
  cancelled), 800 interview reports on done ones (arguments used, objections met), a few
  objection entries of the trainee's library;
- 1,000 opportunities, 1,500 quotes (1–4 catalogue lines: gross, net, cost and margin; 30 %
  accepted with their answer date), 1,200 orders (80 % of the accepted quotes, the rest from
  the catalogue for customers, Pareto-weighted; 3 % cancelled) with 1–4 lines each;
- 50 tours of 3 days (150 tour days), 60 deliveries with their events, 12 complaints, 100
  inactive accounts;

and, for each trainee of the cohort, a validated yearly plan under a seed business case
(``bench_metrics.load_plans``: an objective on every metric, each additive one split into
its 12 months). Prints the rows of each table for the cohort and their total. Then times,
over ``--runs`` repetitions after a warm-up (p50 / p95 in milliseconds):

1. ``cohort registry pass``: ``registry.compute`` of every metric over the year for the 30
   trainees, in process;
2. the same for one trainee;
3. ``bare pandas group-by``: the rows the registry reads for the main counts and sums
   (outbound interactions; appointments taken and held; quotes sent; orders placed) read with
   ``pandas.read_sql`` for the 30 trainees over the year and grouped by owner (contacts,
   contacts reached, minutes per kind of contact, appointments, visits and their minutes,
   quotes sent and their amount, orders and their amount); its numbers are checked against
   the registry's, and the ratio registry ÷ pandas is printed (the same metrics through the
   registry, and every metric);
4. over HTTP (the whole app, TestClient): ``GET /api/v1/cohorts/{id}/dashboard`` over the
   year as the cohort's trainer, and one trainee's analysis of the year (``POST
   /api/v1/analyses`` then ``GET /api/v1/analyses/{id}/figures``) — each timed when its route
   answers, "route not available yet" otherwise;

and each count, sum or group of the registry alone for the cohort (median of 3), to show
where the time goes. ``--load-only`` builds the database and stops (a temporary SQLite file is
kept: its URL is printed); ``--reuse`` times a database built so. Targets (issue 19): the
cohort dashboard ≤ 2 s and one trainee's full analysis ≤ 300 ms over HTTP, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from sqlalchemy import JSON, Connection, func, insert, select, text, type_coerce
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.sqltypes import NullType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_metrics import CASE, load_plans

import app.providers  # noqa: F401  (every domain registers its metrics)
from app.cli import alembic_config
from app.config import Settings, get_settings
from app.core.db import make_engine, make_session_factory
from app.core.security import create_access_token
from app.main import create_app
from app.metrics import registry
from app.models import (
    Appointment,
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseVersion,
    Campaign,
    CampaignMember,
    Cohort,
    Complaint,
    Delivery,
    DeliveryEvent,
    Direction,
    InactiveAccount,
    Interaction,
    InterviewReport,
    ObjectionEntry,
    Opportunity,
    Order,
    OrderLine,
    Organisation,
    Prospect,
    ProspectStatusChange,
    Quote,
    QuoteLine,
    Tour,
    TourDay,
    User,
    cohort_trainers,
)
from app.prospects.imports.loading import bulk_loading
from app.prospects.metrics import MINUTES_CHANNELS
from app.prospects.rules import UNREACHED_OUTCOMES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

YEAR = 2026
FIRST, LAST = date(YEAR, 1, 1), date(YEAR, 12, 31)
START = datetime(YEAR, 1, 1, tzinfo=UTC)
TODAY = datetime(YEAR, 12, 7, tzinfo=UTC)  # the bench's today: what is before it is past
SECRET = "bench-secret-key-long-enough-for-hs256!!"
WORKDAYS = [FIRST + timedelta(days=n) for n in range(365)
            if (FIRST + timedelta(days=n)).weekday() < 5]  # fmt: skip
WORKING_SECONDS = 11 * 3600  # 8h to 19h
CENT = Decimal("0.01")

# Per trainee of the cohort (the other cohort has ``--other-scale`` of each).
VOLUMES = {
    "prospects": 1_500, "campaigns": 12, "members": 150, "outbound": 24_000, "inbound": 1_000,
    "appointments": 2_000, "reports": 800, "objections": 8, "opportunities": 1_000,
    "quotes": 1_500, "orders": 1_200, "tours": 50, "deliveries": 60, "complaints": 12,
    "inactive": 100,
}  # fmt: skip
CHANNELS = (["phone", "email", "visit", "video"], [70, 20, 5, 5])
OUTCOMES = {
    "phone": (["no_answer", "gatekeeper", "callback", "not_interested", "info_sent",
               "appointment", "objection", "wrong_target", "qualified"],
              [34, 14, 12, 12, 8, 8, 6, 3, 3]),
    "email": (["no_answer", "info_sent", "callback", "not_interested", "appointment",
               "qualified", "objection"], [45, 25, 10, 8, 5, 4, 3]),
    "meeting": (["qualified", "objection", "appointment", "info_sent", "callback",
                 "not_interested"], [25, 20, 15, 15, 15, 10]),
}  # fmt: skip
NAF = ["47.11B", "56.10A", "96.02A", "10.71C", "69.20Z", "86.21Z", "71.12B", "62.01Z"]
SEGMENTS = ["commerces-proximite", "cabinets-pme", "foyers-fibre"]
MODES = ["car", "car", "diesel_car", "electric_car", "hybrid_car"]


@dataclass(frozen=True)
class Product:
    reference: str
    family: str
    label: str
    unit: str
    price: Decimal
    tva: Decimal
    cost: Decimal


@dataclass(frozen=True)
class Case:
    """The seed business case the quotes and orders are made under."""

    case_id: int
    version_id: int
    catalogue: list[Product]
    contents: list[dict[str, Any]]  # interview report contents to pick from


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, float]:
    """p50, p95 and the best time in ms over ``runs`` after a warm-up. The p95 is the
    nearest rank (``bench_metrics.timed`` takes the rank below it: with 3 runs, the median)."""
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[math.ceil(len(times) * 0.95) - 1], times[0]


def working_moment(rng: random.Random) -> datetime:
    """A moment of the working hours of a working day of the year (UTC)."""
    day = rng.choice(WORKDAYS)
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(
        seconds=rng.randrange(WORKING_SECONDS)
    )


def the_case(session: Session) -> Case:
    """The case ``load_plans`` created, its catalogue and report contents made from it."""
    case_id, version_id = session.execute(
        select(BusinessCase.id, BusinessCaseVersion.id)
        .join(BusinessCaseVersion, BusinessCaseVersion.business_case_id == BusinessCase.id)
        .order_by(BusinessCase.id)
        .limit(1)
    ).one()
    document = json.loads(CASE.read_text(encoding="utf-8"))
    catalogue = [
        Product(p["reference"], p["family"], p["label"], p["unit"], Decimal(p["price_ht"]),
                Decimal(p["tva_rate"]), Decimal(p["cost_ht"]))
        for p in document["catalogue"]["products"]
    ]  # fmt: skip
    arguments = [
        {"product_reference": p["reference"], "feature": a["feature"], "advantage": a["advantage"],
         "proof": a.get("proof", "")}
        for p in document["catalogue"]["products"] for a in p.get("arguments", [])
    ]  # fmt: skip
    rng = random.Random(19)
    contents = []
    for n in range(40):
        objections = rng.sample(document["objections"], min(len(document["objections"]), n % 3))
        contents.append({
            "needs_explicit": "Une connexion qui ne coupe pas pendant les encaissements.",
            "needs_implicit": "", "motives": rng.sample(["securite", "argent", "confort"], 2),
            "arguments_used": [
                {**a, "reception": rng.choice(["convinced", "neutral", "rejected"])}
                for a in rng.sample(arguments, 2)
            ],
            "supports_shown": [],
            "objections_met": [
                {"kind": o["kind"], "objection": o["objection"], "answer": o["answer"],
                 "technique": rng.choice(["reformulation", "compensation", "oui_mais"]),
                 "resolved": rng.random() < 0.6}
                for o in objections
            ],
            "signals": "", "next_steps": [],
            "accessibility": {"none_known": True, "situations": [], "adaptations": [], "notes": ""},
        })  # fmt: skip
    return Case(case_id, version_id, catalogue, contents)


def lines_and_totals(
    rng: random.Random, catalogue: list[Product], owner: int
) -> tuple[list[dict[str, Any]], dict[str, Decimal]]:
    """1–4 catalogue lines (a quantity, a line discount for some) and the document's totals."""
    lines, gross, net, cost, ttc = [], Decimal(0), Decimal(0), Decimal(0), Decimal(0)
    for position, product in enumerate(rng.sample(catalogue, rng.choice((1, 1, 2, 2, 3, 4))), 1):
        quantity = Decimal(rng.choice((1, 1, 1, 2, 3, 5, 10)))
        discount = rng.choice((0, 0, 0, 5, 10))
        line_gross = quantity * product.price
        line_net = (line_gross * (100 - discount) / 100).quantize(CENT)
        gross, net, cost = gross + line_gross, net + line_net, cost + quantity * product.cost
        ttc += (line_net * (100 + product.tva) / 100).quantize(CENT)
        lines.append({
            "owner_id": owner, "position": position, "product_reference": product.reference,
            "family": product.family, "label": product.label, "unit": product.unit,
            "quantity": quantity, "unit_price_ht": product.price, "tva_rate": product.tva,
            "unit_cost_ht": product.cost, "discounts": [f"{discount}.00"] if discount else [],
        })  # fmt: skip
    totals = {"gross_ht": gross, "net_commercial_ht": net, "total_ttc": ttc,
              "margin": net - cost}  # fmt: skip
    return lines, totals


def scaled(scale: float) -> dict[str, int]:
    return {k: max(1, round(v * scale)) for k, v in VOLUMES.items()}


NUMBERS = itertools.count(1)  # quote and order numbers (per business case and year)


def inserted(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert one owner's rows of ``model`` (an executemany) and answer their ids in the
    order of ``rows``: the owner's rows of the table, by id (each table is loaded once per
    owner, in one statement, by one writer). An ``INSERT … RETURNING`` in parameter order
    cost PostgreSQL several times as much (a VALUES list of thousands of parameters to plan)."""
    session.execute(insert(model), rows)
    table = model.__table__
    ids = list(
        session.scalars(
            select(table.c.id).where(table.c.owner_id == rows[0]["owner_id"]).order_by(table.c.id)
        )
    )
    assert len(ids) == len(rows), (table.name, len(ids), len(rows))
    return ids


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Rows of ``model`` whose ids are not wanted back. On PostgreSQL by COPY: an
    executemany's time there is the server's work per statement (twice COPY's for the
    interactions); elsewhere by an executemany of a Core insert. Every row has the same keys
    and gives every column without a server default (COPY applies no Python default nor type
    processing: the values are the stored ones, JSON aside)."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(model), rows)
        return
    from psycopg.types.json import Jsonb

    table = model.__table__
    columns = list(rows[0])
    documents = {c for c in columns if isinstance(table.c[c].type, JSON)}
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([Jsonb(row[c]) if c in documents else row[c] for c in columns])


def load_trainee(
    session: Session, rng: random.Random, owner: int, case: Case, scale: float
) -> None:
    """A year of one trainee's activity (bulk inserts)."""
    n = scaled(scale)

    # Prospects and their status history.
    prospects: list[dict[str, Any]] = []
    histories: list[list[tuple[str | None, str, datetime]]] = []
    for i in range(n["prospects"]):
        created = working_moment(rng)
        first = "suspect" if rng.random() < 0.4 else "prospect"
        steps: list[tuple[str | None, str, datetime]] = [(None, first, created)]
        when, status = created, first
        for target, chance, gap in (("qualified", 0.55, 45), ("customer", 0.5, 60),
                                    ("inactive", 0.2, 120)):  # fmt: skip
            if rng.random() >= chance:
                if status in ("prospect", "qualified") and rng.random() < 0.2:
                    when += timedelta(days=rng.randrange(1, gap))
                    if when < TODAY:
                        steps.append((status, "lost", when))
                break
            when += timedelta(days=rng.randrange(1, gap), seconds=rng.randrange(3600))
            if when >= TODAY:
                break
            steps.append((status, target, when))
            status = target
        status = steps[-1][1]
        customer_since = next((w.date() for _, s, w in steps if s == "customer"), None)
        kind = "company" if rng.random() < 0.8 else "individual"
        prospects.append({
            "owner_id": owner, "kind": kind, "name": f"Entreprise {owner}-{i}",
            "status": status, "priority": rng.choice("ABCC"), "tags": [],
            "naf_code": rng.choice(NAF) if kind == "company" else None,
            "size_band": rng.choice(["micro", "micro", "small", "medium"]),
            "postcode": f"69{rng.randrange(1, 10):03d}", "city": "Lyon",
            "search_text": f"entreprise {owner} {i} lyon", "customer_since": customer_since,
            "created_at": created, "updated_at": steps[-1][2],
        })  # fmt: skip
        histories.append(steps)
    with bulk_loading(session, owner) as ranges:
        ids = inserted(session, Prospect, prospects)
        ranges.append((min(ids), max(ids)))
    insert_rows(
        session,
        ProspectStatusChange,
        [{"owner_id": owner, "prospect_id": pid, "from_status": f, "to_status": t,
          "changed_by": owner, "changed_at": w}
         for pid, steps in zip(ids, histories, strict=True) for f, t, w in steps],
    )  # fmt: skip
    statuses = {pid: steps[-1][1] for pid, steps in zip(ids, histories, strict=True)}
    since = {pid: row["customer_since"] for pid, row in zip(ids, prospects, strict=True)}
    customers = [p for p, s in statuses.items() if s in ("customer", "inactive")] or ids[:1]
    engaged = [p for p, s in statuses.items() if s in ("qualified", "customer", "inactive")]
    engaged = engaged or ids

    # Campaigns and their members; the interactions.
    channels = ["phone" if c % 4 else "email" for c in range(n["campaigns"])]
    campaign_ids = inserted(
        session,
        Campaign,
        [{"owner_id": owner, "name": f"Campagne {c}", "channel": channels[c],
          "saved_filter": {}, "message_template": "", "starts_on": FIRST + timedelta(days=30 * c),
          "ends_on": FIRST + timedelta(days=30 * c + 45)}
         for c in range(n["campaigns"])],
    )  # fmt: skip
    members = {c: rng.sample(ids, min(len(ids), n["members"])) for c in campaign_ids}
    insert_rows(
        session,
        CampaignMember,
        [{"owner_id": owner, "campaign_id": c, "prospect_id": p, "added_at": START}
         for c, ps in members.items() for p in ps],
    )  # fmt: skip
    by_channel = {ch: [c for c, cc in zip(campaign_ids, channels, strict=True) if cc == ch]
                  for ch in ("phone", "email")}  # fmt: skip
    interactions = []
    for channel in rng.choices(*CHANNELS, k=n["outbound"]):
        campaign = None
        if by_channel.get(channel) and rng.random() < 0.37:
            campaign = rng.choice(by_channel[channel])
        prospect = rng.choice(members[campaign]) if campaign else rng.choice(ids)
        if channel == "phone":
            minutes = rng.randint(2, 10)
        elif channel == "email":
            minutes = 5
        else:
            minutes = rng.randint(45, 90) if channel == "visit" else rng.randint(20, 60)
        outcomes = OUTCOMES.get(channel, OUTCOMES["meeting"])
        interactions.append({
            "owner_id": owner, "prospect_id": prospect, "campaign_id": campaign,
            "channel": channel, "direction": "outbound",
            "outcome": rng.choices(*outcomes)[0], "occurred_at": working_moment(rng),
            "duration_minutes": minutes, "notes": "",
        })  # fmt: skip
    for _ in range(n["inbound"]):
        occurred = working_moment(rng)
        interactions.append({
            "owner_id": owner, "prospect_id": rng.choice(ids), "campaign_id": None,
            "channel": rng.choice(["phone", "email"]), "direction": "inbound",
            "outcome": rng.choice(["callback", "info_sent", "qualified"]),
            "occurred_at": occurred, "duration_minutes": rng.randint(2, 8), "notes": "",
        })  # fmt: skip
    for row in interactions:
        row["created_at"] = row["occurred_at"]
    insert_rows(session, Interaction, interactions)

    # Appointments, interview reports, the trainee's objection library.
    appointments = []
    for _ in range(n["appointments"]):
        created = working_moment(rng)
        starts = created + timedelta(days=rng.randrange(1, 21))
        if starts >= TODAY:
            status = "cancelled" if rng.random() < 0.05 else "planned"
        else:
            status = rng.choices(["done", "cancelled", "planned"], [80, 15, 5])[0]
        appointments.append({
            "owner_id": owner, "prospect_id": rng.choice(engaged), "status": status,
            "starts_at": starts, "duration_minutes": 60, "notes": "", "created_at": created,
            "updated_at": created,
        })  # fmt: skip
    appointment_ids = inserted(session, Appointment, appointments)
    done = [(a, row) for a, row in zip(appointment_ids, appointments, strict=True)
            if row["status"] == "done"]  # fmt: skip
    reports = []
    for appointment_id, row in rng.sample(done, min(len(done), n["reports"])):
        conclusion = rng.choices(
            ["quote", "new_appointment", "order", "time_to_think", "refusal", "trial"],
            [35, 20, 10, 15, 15, 5],
        )[0]
        reports.append({
            "owner_id": owner, "appointment_id": appointment_id, "held_at": row["starts_at"],
            "information_level": rng.choice(["low", "medium", "high"]),
            "conclusion": conclusion, "conclusion_fits_signals": rng.random() < 0.8,
            "content": rng.choice(case.contents), "created_at": row["starts_at"],
            "updated_at": row["starts_at"],
        })  # fmt: skip
    if reports:
        session.execute(insert(InterviewReport), reports)
    session.execute(
        insert(ObjectionEntry),
        [{"owner_id": owner, "kind": rng.choice(["price", "timing", "competitor", "need"]),
          "objection": f"Objection {k}", "answer": "Réponse travaillée.",
          "technique": "reformulation"} for k in range(n["objections"])],
    )  # fmt: skip

    # Opportunities, quotes and their lines.
    opportunities = []
    for k in range(n["opportunities"]):
        created = working_moment(rng)
        stage = rng.choices(["won", "lost", "proposal", "negotiation", "discovery"],
                            [35, 25, 20, 10, 10])[0]  # fmt: skip
        opportunities.append({
            "owner_id": owner, "prospect_id": rng.choice(engaged),
            "business_case_version_id": case.version_id, "title": f"Affaire {k}",
            "estimated_amount_ht": Decimal(rng.randrange(200, 20_000)), "stage": stage,
            "created_at": created, "updated_at": created,
            "closed_at": created + timedelta(days=20) if stage in ("won", "lost") else None,
        })  # fmt: skip
    opportunity_ids = inserted(session, Opportunity, opportunities)
    prospect_of = {o: row["prospect_id"] for o, row in zip(opportunity_ids, opportunities,
                                                           strict=True)}  # fmt: skip
    quotes, quote_lines = [], []
    for _ in range(n["quotes"]):
        opportunity = rng.choice(opportunity_ids)
        created = working_moment(rng)
        status = rng.choices(["accepted", "refused", "sent", "expired", "superseded", "draft"],
                             [30, 20, 30, 10, 5, 5])[0]  # fmt: skip
        sent = None if status == "draft" else created + timedelta(hours=rng.randrange(1, 72))
        answered = None
        if status in ("accepted", "refused") and sent is not None:
            answered = sent + timedelta(days=rng.randrange(1, 30), hours=rng.randrange(8))
        lines, totals = lines_and_totals(rng, case.catalogue, owner)
        quote_lines.append(lines)
        quotes.append({
            "owner_id": owner, "opportunity_id": opportunity,
            "prospect_id": prospect_of[opportunity], "business_case_id": case.case_id,
            "business_case_version_id": case.version_id,
            "number": None if sent is None else f"DEV-{YEAR}-{next(NUMBERS):06d}",
            "status": status, "title": "Proposition", "segment_code": rng.choice(SEGMENTS),
            "valid_until": (sent or created).date() + timedelta(days=30),
            "escompte_rate": Decimal(0), "reductions": [], "cost_ht": totals["net_commercial_ht"]
            - totals["margin"], "sent_at": sent, "answered_at": answered,
            "created_at": created, "updated_at": answered or sent or created, **totals,
        })  # fmt: skip
    quote_ids = inserted(session, Quote, quotes)
    insert_rows(
        session,
        QuoteLine,
        [{**line, "quote_id": q} for q, lines in zip(quote_ids, quote_lines, strict=True)
         for line in lines],
    )  # fmt: skip

    # Orders (from accepted quotes, then from the catalogue for customers) and their lines.
    accepted = [(q, row, lines) for q, row, lines in zip(quote_ids, quotes, quote_lines,
                                                          strict=True)
                if row["status"] == "accepted" and row["answered_at"] < TODAY]  # fmt: skip
    # Pareto-like: a few customers order much.
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(customers))))
    orders, order_lines = [], []
    for k in range(n["orders"]):
        if k < len(accepted) * 0.8:
            quote_id, quote, lines = accepted[k]
            prospect, ordered_on = quote["prospect_id"], quote["answered_at"].date()
            totals = {key: quote[key] for key in ("gross_ht", "net_commercial_ht", "total_ttc",
                                                  "margin")}  # fmt: skip
        else:
            quote_id, prospect = None, rng.choices(customers, cum_weights=weights)[0]
            start = since.get(prospect) or FIRST
            start = start if start.year == YEAR else FIRST
            ordered_on = start + timedelta(days=rng.randrange(max(1, (TODAY.date() - start).days)))
            lines, totals = lines_and_totals(rng, case.catalogue, owner)
        past = (TODAY.date() - ordered_on).days
        status = "cancelled" if rng.random() < 0.03 else (
            rng.choice(["closed", "delivered"]) if past > 30 else "open")  # fmt: skip
        moment = datetime(ordered_on.year, ordered_on.month, ordered_on.day, 10, tzinfo=UTC)
        order_lines.append(lines)
        orders.append({
            "owner_id": owner, "prospect_id": prospect, "quote_id": quote_id,
            "business_case_id": case.case_id, "business_case_version_id": case.version_id,
            "number": f"CDE-{YEAR}-{next(NUMBERS):06d}", "status": status,
            "ordered_on": ordered_on, "segment_code": rng.choice(SEGMENTS),
            "escompte_rate": Decimal(0), "reductions": [], "notes": "",
            "cancelled_at": moment + timedelta(days=2) if status == "cancelled" else None,
            "created_at": moment, "updated_at": moment, **totals,
        })  # fmt: skip
    order_ids = inserted(session, Order, orders)
    insert_rows(
        session,
        OrderLine,
        [{**line, "order_id": o,
          "quantity_delivered": line["quantity"] if row["status"] != "open" else Decimal(0)}
         for o, row, lines in zip(order_ids, orders, order_lines, strict=True)
         for line in lines],
    )  # fmt: skip

    # Tours and their days, deliveries and their events, complaints, inactive accounts.
    tours = [{"owner_id": owner, "name": f"Tournée {t}", "mode": rng.choice(MODES),
              "first_day": rng.choice(WORKDAYS[:-3]), "days_count": 3, "request": {},
              "plan": {}, "matrix_source": "haversine", "total_km": 0, "baseline_km": 0,
              "co2_total_kg": 0, "visits_planned": 0, "visits_unassigned": 0}
             for t in range(n["tours"])]  # fmt: skip
    days = []
    for tour_id, tour in zip(inserted(session, Tour, tours), tours, strict=True):
        first_day = tour["first_day"]
        for i in range(3):
            planned = Decimal(rng.randrange(20_000, 200_000)) / 1000
            day = first_day + timedelta(days=i)
            logged = day < TODAY.date() and rng.random() < 0.8
            days.append({
                "tour_id": tour_id, "day_index": i, "day": day, "planned_km": planned,
                "visits": rng.randrange(2, 9),
                "actual_km": (planned * Decimal(rng.uniform(0.9, 1.2))).quantize(
                    Decimal("0.001")) if logged else None,
            })  # fmt: skip
    session.execute(insert(TourDay), days)

    shipped = [(o, row) for o, row in zip(order_ids, orders, strict=True)
               if row["status"] in ("closed", "delivered")]  # fmt: skip
    deliveries = []
    for o, row in rng.sample(shipped, min(len(shipped), n["deliveries"])):
        promised = row["ordered_on"] + timedelta(days=10)
        delivered = promised + timedelta(days=rng.choice((-2, -1, 0, 0, 1, 4)))
        deliveries.append({
            "owner_id": owner, "order_id": o, "prospect_id": row["prospect_id"], "position": 1,
            "status": "delivered", "promised_on": promised, "lines": [], "carrier": "Colis",
            "shipped_on": promised - timedelta(days=2), "delivered_on": delivered,
        })  # fmt: skip
    if deliveries:
        delivery_ids = inserted(session, Delivery, deliveries)
        events = []
        for d, row in zip(delivery_ids, deliveries, strict=True):
            events.append({"owner_id": owner, "delivery_id": d, "kind": "shipped",
                           "occurred_on": row["shipped_on"], "note": ""})  # fmt: skip
            if row["delivered_on"] > row["promised_on"]:
                events.append({"owner_id": owner, "delivery_id": d, "kind": "incident",
                               "incident": "late", "occurred_on": row["promised_on"],
                               "note": "Retard transporteur"})  # fmt: skip
            events.append({"owner_id": owner, "delivery_id": d, "kind": "delivered",
                           "occurred_on": row["delivered_on"], "note": ""})  # fmt: skip
        session.execute(insert(DeliveryEvent), events)

    complaints = []
    for o, row in rng.sample(shipped, min(len(shipped), n["complaints"])):
        received = row["ordered_on"] + timedelta(days=rng.randrange(5, 30))
        resolved = rng.random() < 0.6 and received + timedelta(days=20) < TODAY.date()
        complaints.append({
            "owner_id": owner, "prospect_id": row["prospect_id"], "order_id": o,
            "channel": "phone", "category": rng.choice(["delay", "defect", "billing", "service"]),
            "severity": rng.choice(["low", "medium", "high"]),
            "status": "resolved" if resolved else "received", "received_on": received,
            "subject": "Réclamation", "response_due_on": received + timedelta(days=2),
            "resolution_due_on": received + timedelta(days=15),
            "resolved_on": received + timedelta(days=rng.randrange(3, 20)) if resolved else None,
            "csat": rng.randint(1, 5) if resolved else None,
        })  # fmt: skip
    if complaints:
        session.execute(insert(Complaint), complaints)

    inactive = []
    for _ in range(n["inactive"]):
        detected = rng.choice(WORKDAYS)
        inactive.append({
            "owner_id": owner, "prospect_id": rng.choice(customers), "detected_on": detected,
            "last_order_on": detected - timedelta(days=rng.randrange(120, 300)),
            "basis": rng.choice(["rhythm", "threshold"]), "limit_days": 120,
            "usual_interval_days": Decimal(rng.randrange(30, 90)),
            "created_at": datetime(detected.year, detected.month, detected.day, 6, tzinfo=UTC),
        })  # fmt: skip
    session.execute(insert(InactiveAccount), inactive)


# What the table count reads: each table's owner column (tour days: their tour's).
COUNTED = [Prospect, ProspectStatusChange, Campaign, CampaignMember, Interaction, Appointment,
           InterviewReport, ObjectionEntry, Opportunity, Quote, QuoteLine, Order, OrderLine,
           Tour, TourDay, Delivery, DeliveryEvent, Complaint, InactiveAccount]  # fmt: skip


def row_counts(session: Session, owners: Sequence[int]) -> dict[str, int]:
    out = {}
    for model in COUNTED:
        statement = select(func.count()).select_from(model)
        if model is TourDay:
            statement = statement.join(Tour, Tour.id == TourDay.tour_id).where(
                Tour.owner_id.in_(owners)
            )
        else:
            statement = statement.where(model.__table__.c.owner_id.in_(owners))
        out[model.__tablename__] = session.scalar(statement) or 0
    return out


def build(url: str, args: argparse.Namespace) -> tuple[Any, ...]:
    """A fresh database by the migrations, loaded: (engine, session factory, load seconds,
    the cohort's trainees, the other cohort's, the cohort, its trainer)."""
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(url)
    factory: sessionmaker[Session] = make_session_factory(engine)
    rng = random.Random(19)
    started = time.perf_counter()
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
                insert(User).returning(User.id, sort_by_parameter_order=True),
                [{"organisation_id": org.id, "email": f"s{cohort.id}-{n}@bench.test",
                  "full_name": f"Stagiaire {cohort.id}-{n}", "role": "trainee",
                  "password_hash": "x", "cohort_id": cohort.id} for n in range(count)],
            )))  # fmt: skip
        load_plans(session, org.id, trainees[0])
        case = the_case(session)
        session.execute(
            insert(BusinessCaseAssignment),
            [{"business_case_id": case.case_id, "cohort_id": c.id} for c in cohorts],
        )
        cohort_id, trainer_id = cohorts[0].id, trainer.id
    for owners, scale in ((trainees[0], 1.0), (trainees[1], args.other_scale)):
        for owner in owners:
            with factory.begin() as session:
                load_trainee(session, rng, owner, case, scale)
    loaded = time.perf_counter() - started
    with factory.begin() as session:
        session.execute(text("ANALYZE"))  # PostgreSQL's autovacuum would; SQLite when asked
    print(f"loaded in {loaded:.1f} s, ANALYZE {time.perf_counter() - started - loaded:.1f} s")
    load_s = time.perf_counter() - started
    return engine, factory, load_s, trainees[0], trainees[1], cohort_id, trainer_id


# ----------------------------------------------------------------- bare pandas group-by

PANDAS_CODES = ["contacts", "contacts_reached", *MINUTES_CHANNELS, "appointments_taken",
                "visits_done", "visit_minutes", "quotes_sent", "quoted_amount_ht",
                "orders_placed", "ordered_amount_ht"]  # fmt: skip
FAMILY = {
    channel.value: code for code, channels in MINUTES_CHANNELS.items() for channel in channels
}


def raw(column: Any) -> Any:
    """The column as the driver answers it (no SQLAlchemy result processing: a bare read)."""
    return type_coerce(column, NullType()).label(column.key)


def pandas_counts(connection: Connection, owners: Sequence[int]) -> pd.DataFrame:
    """The main counts and sums of the year by owner, from the same rows as the registry's
    queries, read by ``pandas.read_sql`` and grouped by pandas: one row per owner, one
    column per code of ``PANDAS_CODES``."""
    period = registry.Period(FIRST, LAST)
    i, a, q, o = Interaction, Appointment, Quote, Order
    calls = pd.read_sql(
        select(raw(i.owner_id), raw(i.occurred_at), raw(i.outcome), raw(i.channel),
               raw(i.duration_minutes))
        .where(i.owner_id.in_(owners), i.direction == Direction.OUTBOUND,
               *period.moment_in(i.occurred_at)),
        connection,
    )  # fmt: skip
    taken = pd.read_sql(
        select(raw(a.owner_id)).where(a.owner_id.in_(owners), *period.moment_in(a.created_at)),
        connection,
    )
    held = pd.read_sql(
        select(raw(a.owner_id), raw(a.duration_minutes)).where(
            a.owner_id.in_(owners), a.status == "done", *period.moment_in(a.starts_at)
        ),
        connection,
    )
    sent = pd.read_sql(
        select(raw(q.owner_id), raw(q.net_commercial_ht)).where(
            q.owner_id.in_(owners), q.sent_at.is_not(None), q.status != "superseded",
            *period.moment_in(q.sent_at),
        ),
        connection,
    )  # fmt: skip
    placed = pd.read_sql(
        select(raw(o.owner_id), raw(o.net_commercial_ht)).where(
            o.owner_id.in_(owners), o.status != "cancelled", *period.day_in(o.ordered_on)
        ),
        connection,
    )
    by_owner = calls.groupby("owner_id")
    minutes = calls["duration_minutes"].fillna(0).groupby(
        [calls["owner_id"], calls["channel"].map(FAMILY)]
    ).sum().unstack(fill_value=0)  # fmt: skip
    columns = {
        "contacts": by_owner.size(),
        "contacts_reached": (~calls["outcome"].isin(list(UNREACHED_OUTCOMES)))
        .groupby(calls["owner_id"]).sum(),
        **{code: minutes[code] if code in minutes else None for code in MINUTES_CHANNELS},
        "appointments_taken": taken.groupby("owner_id").size(),
        "visits_done": held.groupby("owner_id").size(),
        "visit_minutes": held.groupby("owner_id")["duration_minutes"].sum(),
        "quotes_sent": sent.groupby("owner_id").size(),
        "quoted_amount_ht": sent.groupby("owner_id")["net_commercial_ht"].sum(),
        "orders_placed": placed.groupby("owner_id").size(),
        "ordered_amount_ht": placed.groupby("owner_id")["net_commercial_ht"].sum(),
    }  # fmt: skip
    frame = pd.DataFrame({k: v for k, v in columns.items() if v is not None})
    return frame.reindex(index=list(owners), columns=PANDAS_CODES).fillna(0)


def check_pandas(frame: pd.DataFrame, values: dict[str, dict[int, Any]]) -> int:
    """Assert pandas' numbers equal the registry's (sums to the cent); the values checked."""
    checked = 0
    for code in PANDAS_CODES:
        for owner, expected in values[code].items():
            found = frame.at[owner, code]
            if isinstance(expected, Decimal):
                assert abs(Decimal(str(round(float(found), 2))) - expected) <= CENT, (
                    code, owner, found, expected,
                )  # fmt: skip
            else:
                assert int(found) == expected, (code, owner, found, expected)
            checked += 1
    return checked


# ----------------------------------------------------------------------------- HTTP


def over_http(
    url: str, factory: sessionmaker[Session], cohort_id: int, trainer_id: int, trainee_id: int,
    runs: int,
) -> dict[str, tuple[float, float, float] | str]:  # fmt: skip
    """The cohort dashboard as its trainer and one trainee's analysis of the year as the
    trainee, timed when their routes answer; a note of the status otherwise."""
    settings = Settings(database_url=url, secret_key=SECRET)
    app = create_app(settings, session_factory=factory)

    def bearer(user_id: int) -> dict[str, str]:
        token, _ = create_access_token(user_id=user_id, secret=settings.jwt_secret(), minutes=120)
        return {"Authorization": f"Bearer {token}"}

    def unavailable(status: int, body: str) -> str:
        if status in (404, 405):
            return f"route not available yet (status {status})"
        return f"route not available yet (status {status}: {body[:160]})"

    out: dict[str, tuple[float, float, float] | str] = {}
    trainer, trainee = bearer(trainer_id), bearer(trainee_id)
    with TestClient(app) as client:

        def get(path: str, headers: dict[str, str]) -> Callable[[], None]:
            def run() -> None:
                answer = client.get(path, headers=headers)
                assert answer.status_code < 400, answer.text

            return run

        dashboard = f"/api/v1/cohorts/{cohort_id}/dashboard?from={FIRST}&to={LAST}"
        answer = client.get(dashboard, headers=trainer)
        name = "cohort dashboard, HTTP (≤ 2 s)"
        if answer.status_code < 400:
            out[name] = timed(get(dashboard, trainer), runs)
        else:
            out[name] = unavailable(answer.status_code, answer.text)

        name = "one trainee's analysis figures, HTTP (≤ 300 ms)"
        created = client.post(
            "/api/v1/analyses",
            json={"starts_on": str(FIRST), "ends_on": str(LAST)},
            headers=trainee,
        )
        if created.status_code >= 400:
            out[name] = unavailable(created.status_code, created.text)
            return out
        figures = f"/api/v1/analyses/{created.json()['id']}/figures"
        answer = client.get(figures, headers=trainee)
        if answer.status_code < 400:
            # The cohort's funnel medians are kept for their cohort and period (the
            # default CAPVENTE_COHORT_BENCHMARK_SECONDS): the warm-up computed them, the runs
            # read them, as the analyses of a cohort's trainees over one period do.
            out[name] = timed(get(figures, trainee), runs)
            # ... and computed on every read, as the first analysis of a cohort and period.
            os.environ["CAPVENTE_COHORT_BENCHMARK_SECONDS"] = "0"
            get_settings.cache_clear()
            try:
                cold = "one trainee's analysis figures, cohort medians computed, HTTP"
                out[cold] = timed(get(figures, trainee), runs)
            finally:
                os.environ.pop("CAPVENTE_COHORT_BENCHMARK_SECONDS", None)
                get_settings.cache_clear()
        else:
            out[name] = unavailable(answer.status_code, answer.text)
    return out


def run(url: str, args: argparse.Namespace) -> None:
    if args.reuse:
        engine = make_engine(url)
        factory: sessionmaker[Session] = make_session_factory(engine)
        with factory() as session:
            cohort_id, trainer_id = session.execute(
                select(cohort_trainers.c.cohort_id, cohort_trainers.c.user_id)
            ).one()
            trainees = select(User.id).where(User.role == "trainee").order_by(User.id)
            owners = list(session.scalars(trainees.where(User.cohort_id == cohort_id)))
            others = list(session.scalars(trainees.where(User.cohort_id != cohort_id)))
        load_s = 0.0
    else:
        engine, factory, load_s, owners, others, cohort_id, trainer_id = build(url, args)

    backend = url.split(":", 1)[0].split("+")[0]
    with factory() as session:
        counts = row_counts(session, owners)
        other_rows = sum(row_counts(session, others).values())
    width = max(len(name) for name in counts)
    print(f"backend={backend}, cohort of {len(owners)} trainees (rows by table):")
    for name, count in counts.items():
        print(f"  {name:<{width}} {count:>10,}")
    print(f"  {'total':<{width}} {sum(counts.values()):>10,}")
    print(f"other cohort: {len(others)} trainees, {other_rows:,} rows; load {load_s:.1f} s")
    if args.load_only:
        print(f"database: {url}")
        return

    codes = [m.code for m in registry.all_metrics()]

    def compute(metric_codes: Sequence[str], who: Sequence[int]) -> Callable[[], Any]:
        def run() -> Any:
            with factory() as session:
                return registry.compute(session, metric_codes, who, FIRST, LAST)

        return run

    def bare() -> pd.DataFrame:
        with engine.connect() as connection:
            return pandas_counts(connection, owners)

    checked = check_pandas(bare(), compute(PANDAS_CODES, owners)())

    # As the served app does after its start (app.main): what is loaded so far is moved out
    # of the collector's way, so that a full collection scans what requests allocate.
    gc.collect()
    gc.freeze()
    results: dict[str, tuple[float, float, float] | str] = {
        f"cohort registry pass ({len(codes)} metrics, {len(owners)} trainees)": timed(
            compute(codes, owners), args.runs
        ),
        "one trainee, registry pass": timed(compute(codes, owners[:1]), args.runs),
        f"cohort registry, the {len(PANDAS_CODES)} metrics pandas computes": timed(
            compute(PANDAS_CODES, owners), args.runs
        ),
        "bare pandas group-by (read_sql + groupby), cohort": timed(bare, args.runs),
    }
    results.update(over_http(url, factory, cohort_id, trainer_id, owners[0], args.runs))

    per_metric = {}
    whole = registry.Period(FIRST, LAST)
    groups_seen: set[Any] = set()
    for metric in registry.all_metrics():
        fn = metric.compute
        if fn is None:
            continue
        group = getattr(fn, "group", None)
        if group is not None:
            if group in groups_seen:
                continue
            groups_seen.add(group)
        name = group.name if group is not None else metric.code
        with factory() as session:

            def one(session: Session = session, fn: Any = fn) -> None:
                fn(session, owners, whole)

            per_metric[name] = timed(one, 3)[0]
    engine.dispose()

    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"load average {load}; pandas matches the registry ({checked} values checked)")
    for name, found in results.items():
        if isinstance(found, str):
            print(f"{name}: {found}")
        else:
            p50, p95, best = found
            print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (best {best:.1f})")
    same = results[f"cohort registry, the {len(PANDAS_CODES)} metrics pandas computes"]
    every = results[f"cohort registry pass ({len(codes)} metrics, {len(owners)} trainees)"]
    pandas_time = results["bare pandas group-by (read_sql + groupby), cohort"]
    assert not isinstance(same, str)
    assert not isinstance(every, str)
    assert not isinstance(pandas_time, str)
    print(f"ratio registry / pandas (p50): the same metrics {same[0] / pandas_time[0]:.2f}, "
          f"every metric {every[0] / pandas_time[0]:.2f}")  # fmt: skip
    print("each count, sum or group over the year for the cohort (median of 3, ms): " + ", ".join(
        f"{code} {ms:.1f}" for code, ms in sorted(per_metric.items(), key=lambda kv: -kv[1])
    ))  # fmt: skip


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None)
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--other-trainees", type=int, default=30)
    parser.add_argument(
        "--other-scale", type=float, default=0.1, help="the other cohort's share of the volumes"
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--load-only", action="store_true", help="build the database and stop")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="--url already holds a database built by --load-only: time it",
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    url = args.url or f"sqlite:///{tmp}/bench.db"
    try:
        run(url, args)
    finally:
        if args.url is None and not args.load_only:  # a temporary database, timed: dropped
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
