"""Bench: the account view and the overdue-invoice list over HTTP, 10,000 accounts and 100,000
orders for one trainee.

Usage:
    .venv/bin/python bench/bench_follow_up.py [--url DATABASE_URL] [--requests 300]
        [--warmup 50] [--no-build] [--no-analyze] [--explain] [--keep]

Targets (issue 17): with 10,000 customer accounts and 100,000 orders for one trainee,
``GET /api/v1/accounts/{id}`` p95 <= 100 ms and the overdue-invoice list
(``GET /api/v1/invoices?overdue=true``) p95 <= 50 ms over HTTP, on SQLite and PostgreSQL.

1. Builds a fresh database by the migrations (a temporary SQLite file unless ``--url``; a
   PostgreSQL database is created if missing and emptied otherwise) with one organisation,
   a trainer, a trainee and the example business case (tests/data/business_case_example.json,
   published and assigned to the trainee's cohort), then bulk-inserts with SQLAlchemy Core
   (executemany, one transaction per 1,000 accounts) for the trainee: 10,000 customer
   companies; 100,000 orders over two years (at least one per account, the rest drawn with
   Pareto weights: 10 per account on average, a tail of large accounts) of 1–3 catalogue
   lines; one delivery per order that is not cancelled (delivered, 5 % of them late, with an
   incident; the recent open orders planned, prepared or shipped, some past their promised
   date); an invoice per delivered order ``FAC-<year>-<n>`` (85 % paid with their payment,
   10 % open and not yet due, 5 % overdue: ~4,850, spread over the accounts, with relaunches
   at the policy's days for most), complaints on 3 % of the invoiced orders with their case
   (escalated for 10 % of them) and the client's acknowledgement message, three interactions
   per account, an opportunity and its quote for every other account (the accepted quote is
   the account's first order's). Planner statistics as the other benches gather them (SQLite
   ``ANALYZE``, PostgreSQL ``VACUUM ANALYZE``; ``--no-analyze`` to leave them out).
2. Reads back from the database what each answer must hold (per account: timeline events,
   orders not cancelled, overdue invoices; the number of overdue invoices), and checks it
   against what was generated.
3. Starts the real server (``capvente serve``, one worker; the harness of
   bench/bench_agenda.py) and sends, sequentially over one keep-alive connection (httpx):
   ``GET /api/v1/accounts/{id}`` for ``--warmup`` + ``--requests`` distinct random accounts;
   the overdue list's first page (default size, 50) and its page 20 (``offset=950``). Every
   answer is checked (status 200; an account's timeline non-empty, its counts and overdue
   items as read back; the list's total the number of overdue invoices, exact, oldest due
   first); prints p50/p95/p99 and the server's CPU time per request.
4. ``--explain``: runs the same two endpoints' code in process, captures each SQL statement,
   and prints its time and plan (SQLite ``EXPLAIN QUERY PLAN``; PostgreSQL ``EXPLAIN
   (ANALYZE, BUFFERS)``) for the largest and a median account and the two list pages.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, and_, event, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_agenda as harness

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.common.text import fold
from app.config import normalise_database_url
from app.core.db import make_engine
from app.core.principal import Principal
from app.core.security import create_access_token
from app.models import (
    BusinessCaseAssignment,
    ClientMessage,
    Cohort,
    Complaint,
    Delivery,
    DeliveryEvent,
    DocumentCounter,
    Escalation,
    FollowUpCase,
    Interaction,
    Invoice,
    Opportunity,
    Order,
    OrderLine,
    Organisation,
    Payment,
    Prospect,
    Quote,
    Relaunch,
    Role,
    User,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "business_case_example.json"
ACCOUNTS, ORDERS = 10_000, 100_000
BATCH_ACCOUNTS = 1_000  # accounts per transaction (~10,000 orders, ~90,000 rows)
SPAN_DAYS = 730
TARGET_ACCOUNT_P95_MS, TARGET_LIST_P95_MS = 100.0, 50.0
TRAINEE_EMAIL = "stagiaire@bench.example"
ZERO = Decimal("0.00")
CENT = Decimal("0.01")

CITIES = [("69001", "Lyon"), ("69003", "Lyon"), ("69007", "Lyon"), ("69100", "Villeurbanne"),
          ("69200", "Vénissieux"), ("69500", "Bron"), ("69300", "Caluire-et-Cuire"),
          ("38200", "Vienne"), ("69600", "Oullins"), ("69800", "Saint-Priest")]  # fmt: skip
SECTORS = [("86.21Z", "Médecine générale", "cabinets-pme", "small"),
           ("69.20Z", "Expertise comptable", "cabinets-pme", "medium"),
           ("47.73Z", "Pharmacie", "cabinets-pme", "small"),
           ("56.10A", "Restauration traditionnelle", "commerces-proximite", "micro"),
           ("96.02A", "Coiffure", "commerces-proximite", "micro"),
           ("47.11B", "Commerce d'alimentation", "commerces-proximite", "micro")]  # fmt: skip
NAMES = ["Cabinet", "Pharmacie", "Boulangerie", "Salon", "Restaurant", "Épicerie", "Atelier",
         "Agence", "Garage", "Fiduciaire"]  # fmt: skip
OUTCOMES = ["no_answer", "callback", "appointment", "info_sent", "qualified"]
CARRIERS = ["Technicien Rhône Télécom", "Chronopost", "DPD France"]


def today() -> date:
    """The application's today (the centre's zone): what the server compares due dates with."""
    from app.follow_up import policy

    return policy.today()


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def moment(day: date, rng: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randrange(7, 18), rng.randrange(60),
                    rng.randrange(60), tzinfo=UTC)  # fmt: skip


# ------------------------------------------------------------------ the database


@dataclass
class Context:
    """What the rows point to."""

    org: int
    cohort: int
    trainer: int
    trainee: int
    case_id: int
    version_id: int
    products: list[dict[str, Any]]


@dataclass
class Generated:
    counts: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    numbers: dict[tuple[str, int], int] = field(default_factory=dict)  # (kind, year) -> last
    orders_per_account: list[int] = field(default_factory=list)

    def number(self, kind: str, prefix: str, day: date) -> str:
        key = (kind, day.year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{prefix}-{day.year}-{self.numbers[key]:05d}"


def fresh_database(url: str) -> Engine:
    """The database at ``url`` emptied and migrated to head (as bench_quotes.py does)."""
    from alembic import command

    from app.cli import alembic_config

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
    return make_engine(url)


def people_and_case(engine: Engine) -> Context:
    """One organisation, a trainer, a trainee and the example case published and assigned."""
    with Session(engine) as session, session.begin():
        org = session.scalar(insert(Organisation).values(name="Bench", slug="bench")
                             .returning(Organisation.id))  # fmt: skip
        cohort = session.scalar(insert(Cohort).values(organisation_id=org, name="Bench")
                                .returning(Cohort.id))  # fmt: skip
        trainer = session.scalar(insert(User).values(
            organisation_id=org, email="formateur@bench.example", full_name="F", role=Role.TRAINER,
            password_hash="!", is_active=True).returning(User.id))  # fmt: skip
        trainee = session.scalar(insert(User).values(
            organisation_id=org, email=TRAINEE_EMAIL, full_name="S", role=Role.TRAINEE,
            password_hash="!", cohort_id=cohort, is_active=True).returning(User.id))  # fmt: skip
        assert org
        assert cohort
        assert trainer
        assert trainee
        principal = Principal(user_id=trainer, organisation_id=org, role=Role.TRAINER,
                              cohort_id=None, scopes=frozenset())  # fmt: skip
        raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
        case = cases.create_case(session, principal, BusinessCaseDocument.model_validate(raw))
        cases.publish(session, principal, case, case.version)
        session.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort))
        session.flush()
        active = cases.active_case(session, trainee)
        assert active is not None
        return Context(org, cohort, trainer, trainee, active.case.id, active.version.id,
                       raw["catalogue"]["products"])  # fmt: skip


class Ids:
    """Explicit ids (a fresh database): rows of a batch point to each other before insertion."""

    def __init__(self, engine: Engine, models: Iterable[Any]) -> None:
        self.next: dict[str, int] = {}
        with engine.connect() as conn:
            for model in models:
                self.next[model.__tablename__] = (conn.scalar(select(func.max(model.id))) or 0) + 1

    def take(self, table: str) -> int:
        n = self.next[table]
        self.next[table] = n + 1
        return n


EXPLICIT = [Prospect, Opportunity, Quote, Order, OrderLine, Delivery, Invoice, FollowUpCase,
            Complaint]  # fmt: skip
# Insertion order (foreign keys are checked at each statement).
TABLES = [Prospect, Interaction, Opportunity, Quote, Order, OrderLine, Delivery,
          DeliveryEvent, Invoice, Payment, Relaunch, FollowUpCase, Complaint, Escalation,
          ClientMessage]  # fmt: skip


def orders_per_account(rng: random.Random, accounts: int, orders: int) -> list[int]:
    """At least one order per account; the others (90,000) drawn with Pareto weights, capped
    (a tail of large accounts)."""
    weights = [min(rng.paretovariate(1.6), 25.0) for _ in range(accounts)]
    counts = [1] * accounts
    for i in rng.choices(range(accounts), weights=weights, k=max(0, orders - accounts)):
        counts[i] += 1
    return counts


def account_rows(
    ctx: Context, ids: Ids, gen: Generated, rng: random.Random, n: int, n_orders: int, day0: date
) -> dict[str, list[dict[str, Any]]]:
    """Every row of one account."""
    owner = ctx.trainee
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    pid = ids.take("prospects")
    postcode, city = rng.choice(CITIES)
    naf, sector, segment, size = rng.choice(SECTORS)
    name = f"{rng.choice(NAMES)} {city} {n + 1:05d}"
    created = moment(day0 - timedelta(days=SPAN_DAYS + rng.randrange(30, 200)), rng)

    for _ in range(3):
        on = day0 - timedelta(days=rng.randrange(SPAN_DAYS))
        rows["interactions"].append({
            "owner_id": owner, "prospect_id": pid,
            "channel": rng.choice(["phone", "email", "visit"]), "direction": "outbound",
            "outcome": rng.choice(OUTCOMES), "occurred_at": moment(on, rng),
            "duration_minutes": rng.choice([None, 5, 15, 45]), "notes": "Point sur les besoins.",
        })  # fmt: skip

    first_order: tuple[int, date, Decimal] | None = None
    for _ in range(n_orders):
        oid = ids.take("orders")
        fate = rng.random()
        # The invoice's fate decides the dates: issued (= delivered) then back to the order.
        issued: date | None = None
        if fate < 0.01:
            kind = "cancelled"
            ordered = day0 - timedelta(days=rng.randrange(SPAN_DAYS))
        elif fate < 0.03:
            kind = "in_progress"
            ordered = day0 - timedelta(days=rng.randrange(45))
        else:
            r = rng.random()
            if r < 0.05:
                kind = "overdue"
                late_by = 1 + min(int(rng.expovariate(1 / 45)), 600)
                issued = day0 - timedelta(days=late_by + 30)
            elif r < 0.15:
                kind = "due"
                issued = day0 - timedelta(days=rng.randrange(30))
            else:
                kind = "paid"
                issued = day0 - timedelta(days=rng.randrange(1, SPAN_DAYS - 30))
            ordered = issued - timedelta(days=rng.randrange(8, 30))
        lines = []
        total_ht = margin = ZERO
        for position in range(1, rng.randint(1, 3) + 1):
            product = rng.choice(ctx.products)
            quantity = Decimal(rng.randint(1, 5))
            price, cost = Decimal(product["price_ht"]), Decimal(product["cost_ht"])
            line_ht = money(quantity * price)
            total_ht += line_ht
            margin += money(quantity * (price - cost))
            lines.append({
                "id": ids.take("order_lines"), "owner_id": owner, "order_id": oid,
                "position": position, "product_reference": product["reference"],
                "family": product["family"], "label": product["label"], "unit": product["unit"],
                "quantity": quantity, "unit_price_ht": price,
                "tva_rate": Decimal(product["tva_rate"]), "unit_cost_ht": cost, "discounts": [],
                "quantity_delivered": quantity if issued is not None else ZERO,
            })  # fmt: skip
        tva = money(total_ht * Decimal("0.20"))
        ttc = total_ht + tva
        at = moment(ordered, rng)
        status = {"cancelled": "cancelled", "in_progress": "open", "paid": "closed"}.get(
            kind, "delivered"
        )
        order: dict[str, Any] = {
            "id": oid, "owner_id": owner, "prospect_id": pid, "opportunity_id": None,
            "quote_id": None, "business_case_id": ctx.case_id,
            "business_case_version_id": ctx.version_id,
            "number": gen.number("order", "CDE", ordered), "status": status,
            "ordered_on": ordered, "segment_code": segment, "escompte_rate": ZERO,
            "reductions": [], "notes": "", "gross_ht": total_ht, "net_commercial_ht": total_ht,
            "total_ttc": ttc, "margin": margin,
            "cancelled_at": at + timedelta(days=2) if kind == "cancelled" else None,
            "created_at": at, "updated_at": at, "version": 1,
        }  # fmt: skip
        rows["orders"].append(order)
        rows["order_lines"].extend(lines)
        if first_order is None or ordered < first_order[1]:
            first_order = (len(rows["orders"]) - 1, ordered, total_ht)
        if kind == "cancelled":
            continue

        # The delivery.
        did = ids.take("deliveries")
        carried = [{"order_line_id": ln["id"], "quantity": f"{ln['quantity']:.3f}"} for ln in lines]
        events: list[tuple[str, str | None, date, str]] = []
        d_dates: tuple[date | None, date | None, date | None]
        if issued is not None:
            late = rng.random() < 0.05
            delivered = issued
            promised = delivered - timedelta(days=rng.randrange(2, 15)) if late else (
                delivered + timedelta(days=rng.randrange(0, 4)))  # fmt: skip
            shipped = delivered - timedelta(days=rng.randrange(0, 3))
            prepared = shipped - timedelta(days=1)
            if late:
                note = "Raccordement reporté par l'opérateur d'infrastructure."
                events.append(("incident", "late", promised + timedelta(days=1), note))
            events.append(("shipped", None, shipped, ""))
            events.append(("delivered", None, delivered, "Installé et testé avec le client."))
            d_status, d_dates = "delivered", (prepared, shipped, delivered)
        else:
            promised = ordered + timedelta(days=rng.randrange(7, 35))
            step = rng.choice(["planned", "prepared", "shipped"])
            prepared = min(ordered + timedelta(days=2), day0)
            shipped = min(promised, day0)
            d_status = step
            d_dates = (prepared if step != "planned" else None,
                       shipped if step == "shipped" else None, None)  # fmt: skip
            if step != "planned":
                events.append(("prepared", None, prepared, ""))
            if step == "shipped":
                events.append(("shipped", None, shipped, ""))
            if promised < day0:  # late: the client was told
                rows["client_messages"].append({
                    "owner_id": owner, "prospect_id": pid, "subject": "delivery",
                    "subject_id": did, "channel": "phone", "direction": "outbound",
                    "at": moment(promised, rng), "created_at": moment(promised, rng),
                    "summary": "Retard annoncé au client, nouvelle date proposée.",
                })  # fmt: skip
        rows["deliveries"].append({
            "id": did, "owner_id": owner, "order_id": oid, "prospect_id": pid, "position": 1,
            "status": d_status, "promised_on": promised, "lines": carried,
            "carrier": rng.choice(CARRIERS), "tracking": f"RT{did:09d}", "notes": "",
            "prepared_on": d_dates[0], "shipped_on": d_dates[1], "delivered_on": d_dates[2],
            "created_at": at, "updated_at": at, "version": 1,
        })  # fmt: skip
        for ev_kind, incident, on, note in events:
            rows["delivery_events"].append({
                "owner_id": owner, "delivery_id": did, "kind": ev_kind, "incident": incident,
                "occurred_on": on, "note": note, "created_at": moment(on, rng),
            })  # fmt: skip
        if issued is None:
            continue

        # The invoice, its payment or its relaunches.
        iid = ids.take("invoices")
        due = issued + timedelta(days=30)
        paid_on = None
        if kind == "paid":
            paid_on = min(issued + timedelta(days=rng.randrange(0, 45)), day0)
        snapshot: list[dict[str, Any]] = [
            {"kind": "line", "order_line_id": ln["id"], "label": ln["label"],
             "quantity": f"{ln['quantity']:.3f}", "unit_price_ht": str(ln["unit_price_ht"]),
             "tva_rate": "20.00", "discounts": [],
             "total_ht": str(money(ln["quantity"] * ln["unit_price_ht"]))}
            for ln in lines
        ]  # fmt: skip
        snapshot.append({"kind": "tva", "label": "TVA 20 %", "tva_rate": "20.00",
                         "total_ht": str(total_ht), "tva": str(tva)})  # fmt: skip
        level = None
        if kind == "overdue":
            gen.overdue += 1
            late_by = (day0 - due).days
            for days, name_, channel in ((5, "reminder", "email"),
                                         (15, "second_reminder", "email"),
                                         (30, "formal_notice", "postal")):  # fmt: skip
                if late_by <= days or rng.random() > 0.7:
                    break
                sent = due + timedelta(days=days + rng.randrange(0, min(4, late_by - days)))
                level = name_
                rows["relaunches"].append({
                    "owner_id": owner, "invoice_id": iid, "level": name_, "sent_on": sent,
                    "channel": channel, "balance": ttc, "rate": Decimal("12.150"),
                    "penalties": money(ttc * Decimal("0.1215") * (sent - due).days / 365),
                    "indemnity": Decimal("40.00"), "created_at": moment(sent, rng),
                    "letter": f"Madame, Monsieur,\nSauf erreur de notre part, la facture "
                              f"{iid} de {ttc} € TTC, échue le {due:%d/%m/%Y}, reste impayée.",
                })  # fmt: skip
        issued_at = moment(issued, rng)
        rows["invoices"].append({
            "id": iid, "owner_id": owner, "prospect_id": pid, "order_id": oid, "delivery_id": did,
            "invoice_id": None, "business_case_id": ctx.case_id,
            "business_case_version_id": ctx.version_id, "kind": "invoice",
            "number": gen.number("invoice", "FAC", issued),
            "status": "paid" if kind == "paid" else "open", "issued_on": issued, "due_on": due,
            "business_client": True, "reason": "", "lines": snapshot, "total_ht": total_ht,
            "total_tva": tva, "total_ttc": ttc, "paid": ttc if kind == "paid" else ZERO,
            "credited": ZERO, "paid_on": paid_on, "relaunch_level": level,
            "escalated_at": None, "created_at": issued_at, "updated_at": issued_at, "version": 1,
        })  # fmt: skip
        if paid_on is not None:
            rows["payments"].append({
                "owner_id": owner, "invoice_id": iid, "paid_on": paid_on, "amount": ttc,
                "method": rng.choice(["transfer", "direct_debit", "cheque", "card"]),
                "reference": f"VIR {iid}", "created_at": moment(paid_on, rng),
            })  # fmt: skip

        # A complaint (3 %), its case, its escalation (10 % of them), its acknowledgement.
        if rng.random() >= 0.03:
            continue
        received = min(issued + timedelta(days=rng.randrange(1, 20)), day0)
        age = (day0 - received).days
        c_status = "received" if age < 3 else ("answered" if age < 15 else rng.choices(
            ["resolved", "refused", "answered"], [90, 5, 5])[0])  # fmt: skip
        responded = received + timedelta(days=1) if c_status != "received" else None
        closed = c_status in ("resolved", "refused")
        resolved = received + timedelta(days=rng.randrange(3, 15)) if closed else None
        cid, kid = ids.take("complaints"), ids.take("follow_up_cases")
        done = {"state": "done", "on": received.isoformat(), "note": ""}
        steps = ({"accuse-reception": done, "ticket": done, "geste": {"state": "skipped"},
                  "cloture": done} if closed else {"accuse-reception": done})  # fmt: skip
        subject = rng.choice(["Coupure de la fibre", "Facture contestée", "Matériel défectueux",
                              "Retard d'installation"])  # fmt: skip
        rows["follow_up_cases"].append({
            "id": kid, "owner_id": owner, "prospect_id": pid, "case_type": "complaint",
            "subject": "complaint", "subject_id": cid, "title": f"Réclamation : {subject}",
            "business_case_version_id": ctx.version_id, "status": "closed" if closed else "open",
            "steps": steps, "opened_on": received,
            "closed_at": moment(resolved, rng) if resolved else None,
            "outcome": "Geste accordé, client satisfait." if closed else "",
            "created_at": moment(received, rng), "updated_at": moment(received, rng), "version": 1,
        })  # fmt: skip
        rows["complaints"].append({
            "id": cid, "owner_id": owner, "prospect_id": pid, "order_id": oid, "case_id": kid,
            "channel": "phone", "category": rng.choice(["delay", "defect", "billing", "service"]),
            "severity": rng.choice(["low", "medium", "high"]), "status": c_status,
            "received_on": received, "subject": subject,
            "description": "Le client signale le problème par téléphone.",
            "client_request": "Rétablissement rapide et geste commercial.",
            "response_due_on": received + timedelta(days=2),
            "resolution_due_on": received + timedelta(days=15),
            "solution": "commercial_gesture" if responded else None,
            "solution_detail": "Un mois d'abonnement offert." if responded else "",
            "solution_cost": Decimal("49.00") if responded else None, "responded_on": responded,
            "client_accepted": True if closed else None, "client_answer": "",
            "csat": rng.randint(3, 5) if closed else None, "resolved_on": resolved,
            "created_at": moment(received, rng), "updated_at": moment(received, rng), "version": 1,
        })  # fmt: skip
        if responded is not None:
            rows["client_messages"].append({
                "owner_id": owner, "prospect_id": pid, "subject": "complaint", "subject_id": cid,
                "channel": "email", "direction": "outbound", "at": moment(responded, rng),
                "created_at": moment(responded, rng),
                "summary": "Accusé de réception et solution proposée.",
            })  # fmt: skip
        if rng.random() < 0.10:
            sent_at = moment(min(received + timedelta(days=1), day0), rng)
            rows["escalations"].append({
                "owner_id": owner, "case_id": kid, "department": "customer_service",
                "reason": "Hors délégation", "facts": f"Réclamation « {subject} ».",
                "client_request": "Geste commercial.", "actions_taken": "Ticket ouvert.",
                "documents": [], "status": "answered" if closed else "sent", "sent_at": sent_at,
                "answer": "Geste validé." if closed else "",
                "answered_at": sent_at + timedelta(days=1) if closed else None,
                "answered_by": None, "acknowledged_at": None, "created_at": sent_at,
                "updated_at": sent_at, "version": 1,
            })  # fmt: skip

    # Every other account: an opportunity and its quote; when won, the first order's.
    assert first_order is not None
    if n % 2 == 0:
        index, first_day, amount = first_order
        opp_id, quote_id = ids.take("opportunities"), ids.take("quotes")
        stage = rng.choices(["won", "proposal", "lost"], [70, 15, 15])[0]
        sent = first_day - timedelta(days=rng.randrange(3, 20))
        sent_at = moment(sent, rng)
        rows["opportunities"].append({
            "id": opp_id, "owner_id": owner, "prospect_id": pid,
            "business_case_version_id": ctx.version_id, "title": "Équipement du site",
            "description": "", "estimated_amount_ht": amount, "stage": stage,
            "lost_reason": "Prix" if stage == "lost" else "", "expected_close_on": first_day,
            "closed_at": sent_at + timedelta(days=3) if stage != "proposal" else None,
            "created_at": sent_at - timedelta(days=10), "updated_at": sent_at, "version": 1,
        })  # fmt: skip
        quote_status = {"won": "accepted", "proposal": "sent", "lost": "refused"}[stage]
        rows["quotes"].append({
            "id": quote_id, "owner_id": owner, "opportunity_id": opp_id, "prospect_id": pid,
            "business_case_id": ctx.case_id, "business_case_version_id": ctx.version_id,
            "number": gen.number("quote", "DEV", sent), "revision": 1, "revision_of_id": None,
            "status": quote_status, "title": "Équipement du site", "segment_code": segment,
            "valid_until": sent + timedelta(days=30), "off_premises": False,
            "escompte_rate": ZERO, "reductions": [], "notes": "", "gross_ht": amount,
            "net_commercial_ht": amount, "total_ttc": money(amount * Decimal("1.2")),
            "cost_ht": None, "margin": None, "effective_discount": ZERO,
            "approval_status": "none", "approval_reason": "", "approval_comment": "",
            "sent_at": sent_at, "answered_at": sent_at + timedelta(days=3),
            "refusal_reason": "Prix" if stage == "lost" else "",
            "created_at": sent_at - timedelta(days=1), "updated_at": sent_at, "version": 1,
        })  # fmt: skip
        if stage == "won":
            rows["orders"][index]["opportunity_id"] = opp_id
            rows["orders"][index]["quote_id"] = quote_id

    rows["prospects"].append({
        "id": pid, "owner_id": owner, "kind": "company", "name": name, "naf_code": naf,
        "sector": sector, "sector_key": fold(sector), "size_band": size,
        "address": f"{rng.randint(1, 120)} rue de la République", "postcode": postcode,
        "city": city, "status": "customer", "source": "referral", "priority": "A",
        "potential": Decimal(rng.randrange(2_000, 60_000)), "tags": ["client"],
        "search_text": fold(f"{name} {city}"), "ongoing_contract": True,
        "customer_since": first_order[1], "anonymised": False, "created_at": created,
        "updated_at": created, "version": 1,
    })  # fmt: skip
    return rows


def build(
    url: str, seed: int, analyze: bool, accounts: int, orders: int
) -> tuple[Context, Generated, dict[str, float]]:
    """A fresh database with the bench's records; its context, what was generated, seconds."""
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    engine = fresh_database(url)
    ctx = people_and_case(engine)
    seconds["migrations and case"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    rng = random.Random(seed)
    day0 = today()
    gen = Generated(orders_per_account=orders_per_account(rng, accounts, orders))
    ids = Ids(engine, EXPLICIT)
    generating = 0.0
    for start in range(0, accounts, BATCH_ACCOUNTS):
        g0 = time.perf_counter()
        batch: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for n in range(start, min(start + BATCH_ACCOUNTS, accounts)):
            for table, rows in account_rows(ctx, ids, gen, rng, n, gen.orders_per_account[n],
                                            day0).items():  # fmt: skip
                batch[table].extend(rows)
        generating += time.perf_counter() - g0
        with engine.begin() as conn:  # one transaction per batch
            for model in TABLES:
                loaded = batch.get(model.__tablename__)
                if loaded:
                    conn.execute(insert(model), loaded)
                    gen.counts[model.__tablename__] += len(loaded)
        print(f"  {min(start + BATCH_ACCOUNTS, accounts):,} accounts loaded "
              f"({time.perf_counter() - t1:.0f} s)", flush=True)  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(DocumentCounter), [
            {"business_case_id": ctx.case_id, "kind": kind, "year": year, "last": last}
            for (kind, year), last in sorted(gen.numbers.items())
        ])  # fmt: skip
        if engine.dialect.name == "postgresql":  # explicit ids: the sequences follow
            for model in EXPLICIT:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{model.__tablename__}', 'id'), "
                    f"(SELECT max(id) FROM {model.__tablename__}))"
                )
    seconds["generating rows (Python)"] = generating
    seconds["inserting"] = time.perf_counter() - t1 - generating

    t2 = time.perf_counter()
    if analyze:
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        else:
            with engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
    seconds["statistics"] = time.perf_counter() - t2
    seconds["total"] = time.perf_counter() - t0
    engine.dispose()
    return ctx, gen, seconds


# ------------------------------------------------------------------ the expected answers


@dataclass
class Expected:
    timeline: dict[int, int]  # prospect id -> timeline events
    orders: dict[int, int]  # prospect id -> orders not cancelled
    overdue: dict[int, int]  # prospect id -> overdue invoices
    overdue_total: int


def expected(engine: Engine, owner: int, day: date) -> Expected:
    """Read back from the database what each answer must hold (the account view's rules)."""
    timeline: Counter[int] = Counter()

    def add(stmt: Any) -> None:
        for pid, n in conn.execute(stmt):
            timeline[pid] += int(n or 0)

    def per(model: Any, *where: Any) -> Any:
        return (select(model.prospect_id, func.count()).where(model.owner_id == owner, *where)
                .group_by(model.prospect_id))  # fmt: skip

    with engine.connect() as conn:
        for model in (Interaction, Opportunity, Order, Invoice, Complaint, ClientMessage):
            add(per(model))
        add(per(Quote, Quote.sent_at.is_not(None)))
        add(per(FollowUpCase))
        add(per(FollowUpCase, FollowUpCase.closed_at.is_not(None)))
        add(select(Delivery.prospect_id, func.count())
            .join(DeliveryEvent, DeliveryEvent.delivery_id == Delivery.id)
            .where(Delivery.owner_id == owner).group_by(Delivery.prospect_id))  # fmt: skip
        for child in (Payment, Relaunch):
            add(select(Invoice.prospect_id, func.count())
                .join(child, child.invoice_id == Invoice.id)
                .where(Invoice.owner_id == owner).group_by(Invoice.prospect_id))  # fmt: skip
        escalations = (select(FollowUpCase.prospect_id, func.count())
                       .join(Escalation, Escalation.case_id == FollowUpCase.id)
                       .where(FollowUpCase.owner_id == owner))  # fmt: skip
        add(escalations.group_by(FollowUpCase.prospect_id))
        add(escalations.where(Escalation.status == "answered",
                              Escalation.answered_at.is_not(None))
            .group_by(FollowUpCase.prospect_id))  # fmt: skip
        orders = {r[0]: r[1] for r in conn.execute(per(Order, Order.status != "cancelled"))}
        overdue_clause = and_(Invoice.kind == "invoice", Invoice.status == "open",
                              Invoice.due_on < day)  # fmt: skip
        overdue = {r[0]: r[1] for r in conn.execute(per(Invoice, overdue_clause))}
    return Expected(dict(timeline), orders, overdue, sum(overdue.values()))


# ------------------------------------------------------------------ measuring


@dataclass
class Run:
    timing: harness.Timing
    sizes: list[int]


def timed(
    client: httpx.Client,
    pid: int,
    requests: list[tuple[str, dict[str, Any]]],
    warmup: int,
    check: Callable[[str, dict[str, Any], httpx.Response], None],
) -> Run:
    """The requests in turn over one keep-alive connection; the first ``warmup`` not timed.
    Every answer is checked (after its latency is taken)."""
    latencies, sizes = [], []
    cpu0 = 0.0
    for i, (path, params) in enumerate(requests):
        if i == warmup:
            cpu0 = harness.proc_cpu_seconds(pid)
        t0 = time.perf_counter()
        response = client.get(path, params=params)
        elapsed = (time.perf_counter() - t0) * 1000
        if i >= warmup:
            latencies.append(elapsed)
            sizes.append(len(response.content))
        check(path, params, response)
    n = len(requests) - warmup
    cpu = harness.proc_cpu_seconds(pid) - cpu0  # includes the checks' pauses: idle server
    latencies.sort()
    p50, p95, p99 = (harness.percentile(latencies, pct) for pct in (50, 95, 99))
    return Run(harness.Timing(n, p50, p95, p99, cpu / n * 1000, sizes[-1]), sizes)


def report(what: str, run: Run, target: float) -> bool:
    t = run.timing
    met = t.p95 <= target
    print(f"  {what}: {t.requests} requests (httpx, one connection): p50 {t.p50:.1f} ms, "
          f"p95 {t.p95:.1f} ms, p99 {t.p99:.1f} ms; server CPU {t.cpu_ms:.1f} ms/request; "
          f"answer {statistics.median(run.sizes) / 1024:.1f} KiB (median), "
          f"{max(run.sizes) / 1024:.0f} KiB (max); p95 <= {target:.0f} ms: "
          f"{'yes' if met else 'NO'}")  # fmt: skip
    return met


def fail(message: str) -> None:
    raise SystemExit(f"WRONG ANSWER: {message}")


def check_account(exp: Expected) -> Callable[[str, dict[str, Any], httpx.Response], None]:
    def check(path: str, _params: dict[str, Any], response: httpx.Response) -> None:
        if response.status_code != 200:
            fail(f"{path}: {response.status_code} {response.text[:300]}")
        body = response.json()
        pid = int(path.rsplit("/", 1)[1])
        overdue = sum(1 for item in body["open_items"] if item["kind"] == "overdue_invoice")
        got = (body["timeline_total"], body["figures"]["orders"], overdue)
        want = (exp.timeline.get(pid, 0), exp.orders.get(pid, 0), exp.overdue.get(pid, 0))
        if not body["timeline"] or got != want:
            fail(f"{path}: timeline {len(body['timeline'])} shown, (timeline_total, orders, "
                 f"overdue) {got}, expected {want}")  # fmt: skip
        if len(body["timeline"]) != min(200, want[0]):
            fail(f"{path}: {len(body['timeline'])} timeline events, expected {min(200, want[0])}")

    return check


def check_overdue(exp: Expected) -> Callable[[str, dict[str, Any], httpx.Response], None]:
    def check(path: str, params: dict[str, Any], response: httpx.Response) -> None:
        if response.status_code != 200:
            fail(f"{path} {params}: {response.status_code} {response.text[:300]}")
        body = response.json()
        items = body["items"]
        offset = int(params.get("offset", 0))
        size = min(50, max(0, exp.overdue_total - offset))
        dues = [item["due_on"] for item in items]
        if (body["total"], body["total_exact"], len(items)) != (exp.overdue_total, True, size):
            fail(f"{path} {params}: total {body['total']} (exact {body['total_exact']}), "
                 f"{len(items)} items; expected {exp.overdue_total} overdue invoices, {size} "
                 "items")  # fmt: skip
        if dues != sorted(dues) or any(
            i["status"] != "open" or i["days_overdue"] < 1 or i["kind"] != "invoice" for i in items
        ):
            fail(f"{path} {params}: an item is not overdue, or not the oldest due first")

    return check


# ------------------------------------------------------------------ plans


def explain(url: str, ctx: Context, exp: Expected, day: date) -> None:
    """The SQL of an account view (largest and median account) and of the overdue list's
    pages, run in process: each statement's time and plan."""
    from app.follow_up import accounts, invoices
    from app.follow_up.invoice_repository import InvoiceRepository
    from app.prospects.repository import ProspectRepository

    engine = make_engine(url)
    captured: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def grab(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, _many: Any) -> None:
        captured.append((statement, parameters))

    principal = Principal(user_id=ctx.trainee, organisation_id=ctx.org, role=Role.TRAINEE,
                          cohort_id=ctx.cohort, scopes=frozenset())  # fmt: skip
    by_size = sorted(exp.timeline, key=lambda p: exp.timeline[p])
    largest, median = by_size[-1], by_size[len(by_size) // 2]
    pg = engine.dialect.name == "postgresql"

    def show(title: str, work: Callable[[Session], Any]) -> None:
        with Session(engine) as session:
            work(session)  # warm the caches
        with Session(engine) as session:
            captured.clear()
            t0 = time.perf_counter()
            work(session)
            total = (time.perf_counter() - t0) * 1000
            statements = [c for c in captured if c[0].lstrip().upper().startswith("SELECT")]
            print(f"\n=== {title}: {len(statements)} statements, {total:.1f} ms in process")
            raw = session.connection().connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            for statement, params in statements:
                best = float("inf")
                for _ in range(5):
                    s0 = time.perf_counter()
                    cursor.execute(statement, params)
                    found = len(cursor.fetchall())
                    best = min(best, (time.perf_counter() - s0) * 1000)
                flat = " ".join(statement.split())
                print(f"--- {best:.2f} ms, {found} rows: {flat[:60]} … "
                      f"{flat[flat.find(' FROM '):][:260]}")  # fmt: skip
                prefix = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
                cursor.execute(prefix + statement, params)
                for row in cursor.fetchall():
                    print("    " + (row[0] if pg else str(row[-1])))

    for label, pid in (("largest", largest), ("median", median)):

        def view(session: Session, pid: int = pid) -> Any:
            prospect = ProspectRepository(session, principal).get_readable(pid)
            return accounts.view(session, prospect, 200)

        show(f"account view, {label} account {pid} ({exp.timeline[pid]} events)", view)
    for offset in (0, 950):

        def page(session: Session, offset: int = offset) -> Any:
            from app.core.pagination import PageParams

            items, _total, _exact = InvoiceRepository(session, principal).page(
                PageParams(limit=50, offset=offset), owner_id=None, prospect_id=None,
                order_id=None, status=None, kind=None, overdue=True, today=day, sort=None,
            )  # fmt: skip
            return invoices.rows(session, items, day)

        show(f"overdue list, offset {offset}", page)
    engine.dispose()


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--accounts", type=int, default=ACCOUNTS, help="(a smaller trial)")
    parser.add_argument("--orders", type=int, default=ORDERS, help="(a smaller trial)")
    parser.add_argument("--no-build", action="store_true", help="reuse the database at --url")
    parser.add_argument("--no-analyze", action="store_true", help="no planner statistics")
    parser.add_argument("--explain", action="store_true", help="print the queries' plans")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if args.no_build and not args.url:
        parser.error("--no-build needs --url")

    tmp = tempfile.mkdtemp(prefix="capvente-follow-up-bench-")
    url = normalise_database_url(args.url) if args.url else f"sqlite:///{tmp}/follow_up.db"
    backend = make_url(url).get_backend_name()
    met = done = False
    try:
        if args.no_build:
            engine = make_engine(url)
            with engine.connect() as conn:
                user = conn.execute(select(User.id, User.organisation_id, User.cohort_id)
                                    .where(User.email == TRAINEE_EMAIL)).first()  # fmt: skip
                version = conn.scalar(select(func.max(Invoice.business_case_version_id)))
                case_id = conn.scalar(select(func.max(Invoice.business_case_id)))
            engine.dispose()
            if user is None or version is None or case_id is None:
                raise SystemExit("no bench data at --url: run without --no-build")
            ctx = Context(user[1], user[2] or 0, 0, user[0], case_id, version, [])
            gen = None
            print(f"database reused ({backend})")
        else:
            print(f"building the {backend} database …", flush=True)
            ctx, gen, seconds = build(url, args.seed, not args.no_analyze, args.accounts,
                                      args.orders)  # fmt: skip
            per = sorted(gen.orders_per_account)
            print(f"built in {seconds['total']:.1f} s ("
                  + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items() if k != "total")
                  + ")")  # fmt: skip
            print(f"generated {sum(gen.counts.values()):,} rows: "
                  + ", ".join(f"{m.__tablename__} {gen.counts[m.__tablename__]:,}"
                              for m in TABLES)
                  + f"; {gen.overdue:,} overdue invoices")  # fmt: skip
            print(f"orders per account: mean {statistics.mean(per):.1f}, median "
                  f"{per[len(per) // 2]}, p95 {per[int(len(per) * 0.95)]}, "
                  f"max {per[-1]}")  # fmt: skip

        day = today()
        engine = make_engine(url)
        exp = expected(engine, ctx.trainee, day)
        engine.dispose()
        sizes = sorted(exp.timeline.values())
        print(f"read back: {len(exp.timeline):,} accounts, timeline events per account median "
              f"{sizes[len(sizes) // 2]}, p95 {sizes[int(len(sizes) * 0.95)]}, max {sizes[-1]}; "
              f"{exp.overdue_total:,} overdue invoices (today {day})")  # fmt: skip
        if gen is not None and exp.overdue_total != gen.overdue:
            fail(f"{exp.overdue_total} overdue invoices in the database, {gen.overdue} generated")
        if gen is not None and len(exp.timeline) != args.accounts:
            fail(f"{len(exp.timeline)} accounts with a timeline, {args.accounts} generated")
        if args.warmup + args.requests > len(exp.timeline):
            parser.error(f"--warmup + --requests must be <= {len(exp.timeline)} (distinct "
                         "accounts)")  # fmt: skip

        if args.explain:
            explain(url, ctx, exp, day)

        token, _ = create_access_token(user_id=ctx.trainee, secret=harness.SECRET, minutes=120,
                                       credential_version=0)  # fmt: skip
        proc, base, log = harness.start_server(url, tmp)
        time.sleep(4)  # the served app's warm-up thread (app/main.py)
        try:
            headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
            with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
                rng = random.Random(args.seed + 1)
                chosen = rng.sample(sorted(exp.timeline), args.warmup + args.requests)
                picked = sorted(exp.timeline[p] for p in chosen[args.warmup :])
                print(f"GET /api/v1/accounts/{{id}}: {len(chosen)} distinct random accounts "
                      f"(the measured ones: timeline events median {picked[len(picked) // 2]}, "
                      f"max {picked[-1]})")  # fmt: skip
                run = timed(client, proc.pid, [(f"/api/v1/accounts/{p}", {}) for p in chosen],
                            args.warmup, check_account(exp))  # fmt: skip
                met = report("account view", run, TARGET_ACCOUNT_P95_MS)
                print(f"GET /api/v1/invoices?overdue=true: {exp.overdue_total:,} overdue "
                      "invoices, 50 a page")  # fmt: skip
                for label, params in (("first page", {"overdue": "true"}),
                                      ("page 20 (offset=950)",
                                       {"overdue": "true", "offset": "950"})):  # fmt: skip
                    n = args.warmup + args.requests
                    run = timed(client, proc.pid, [("/api/v1/invoices", params)] * n,
                                args.warmup, check_overdue(exp))  # fmt: skip
                    met = report(f"overdue list, {label}", run, TARGET_LIST_P95_MS) and met
            print(f"server peak RSS {harness.proc_peak_rss_mib(proc.pid):.0f} MiB")
        finally:
            harness.stop_server(proc)
        if any("Traceback" in line for line in log.read_text().splitlines()):
            raise SystemExit(f"server errors, see {log}")
        done = True
    finally:
        if done and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")
    # Exit status: 0 every answer right and every target met; 3 a target missed; 1 (raised
    # above) a wrong answer, a server error or a failed build.
    print("answers right; " + ("every target met" if met else "a target is MISSED"))
    sys.exit(0 if met else 3)


if __name__ == "__main__":
    main()
