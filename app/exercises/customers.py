"""What the market's customers do on their own, written in the trainee's file through the
follow-up domain's services on the run's simulated day (``app.config.simulated_day``):

- an **order** (a product of the business case's catalogue, a keyed draw, for about the
  share of the customer's budget the parameters say) — the trainee then delivers and
  invoices it;
- a **delivery incident** on a delivery the trainee shipped and not yet delivered (late,
  damaged or missing);
- a **complaint** (about the last order, when there is one);
- **payments**: an invoice the trainee issued is paid on its due date, unless the draw made
  it a late payment (paid later, or never within the run) — the trainee relaunches it;
- **churn**: the customer stops ordering (the loyalty domain then finds the account
  inactive from its orders).

Every event is a market event with its draw key; none records evidence."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, Text, bindparam, select, update
from sqlalchemy import cast as cast_
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.core.errors import AppError
from app.core.principal import Principal
from app.follow_up import complaints, deliveries, invoices, orders
from app.follow_up.invoice_schemas import PaymentCreate
from app.follow_up.schemas import ComplaintCreate, DeliveryEventIn, OrderCreate
from app.market import model
from app.market.draws import choose, unit, unit_batch
from app.market.parameters import MarketParameters
from app.market.population import Person
from app.models import (
    Channel,
    ComplaintCategory,
    ComplaintSeverity,
    Delivery,
    DeliveryEventKind,
    DeliveryStatus,
    ExerciseRun,
    IncidentKind,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    MarketEvent,
    MarketPerson,
    Order,
    PaymentMethod,
    Prospect,
    ProspectStatus,
)
from app.sales.schemas import QuoteLineIn

COMPLAINTS = (
    (ComplaintCategory.DELAY, "Livraison en retard",
     "La livraison n'est pas arrivée à la date promise."),
    (ComplaintCategory.DEFECT, "Produit défectueux",
     "Le produit livré ne fonctionne pas correctement."),
    (ComplaintCategory.BILLING, "Erreur de facturation",
     "Le montant facturé ne correspond pas à la commande."),
    (ComplaintCategory.SERVICE, "Service insatisfaisant",
     "L'intervention ne s'est pas passée comme convenu."),
)  # fmt: skip
INCIDENTS = (IncidentKind.LATE, IncidentKind.DAMAGED, IncidentKind.MISSING)
MARKET_PEOPLE = cast(Table, MarketPerson.__table__)


class _Catalogue(NamedTuple):
    """The trainee's active case (read once a day: each order is made on it) and its
    products with their prices."""

    active: cases.ActiveCase | None
    products: list[tuple[str, Decimal]]


def _catalogue(session: Session, trainee_id: int) -> _Catalogue:
    active = cases.active_case(session, trainee_id)
    if active is None:
        return _Catalogue(None, [])
    products = [(p.reference, Decimal(p.price_ht)) for p in active.document.catalogue.products]
    return _Catalogue(active, products)


@dataclass
class RunMemo:
    """What holds for a run across the days one advance plays (one transaction each), read
    once, no ORM object: its people's hidden attributes (they never change) and the market's
    principal (the trainee's)."""

    people: dict[int, Person] = field(default_factory=dict)
    principal: Principal | None = None


class _Pending(NamedTuple):
    """An order of the day waiting to be written, with its event and the customer's state
    (``previous``: the last order's day before it, given back if the order is refused)."""

    item: OrderCreate
    event: MarketEvent
    state: dict[str, Any]
    previous: str | None


class _Customer(NamedTuple):
    """One customer of the run (no ORM object: a run has hundreds)."""

    person_id: int
    person_key: str
    prospect_id: int


#: Margin on the bounds of ``_bounds`` (they are exact; this only guards against rounding).
_SLACK = 1.0 + 1e-9


def _bounds(params: MarketParameters) -> tuple[float, float, float]:
    """Upper bounds of a customer's daily chance of an order, a complaint and churn, whoever
    the customer and whatever their state: ``model.later_event_probabilities`` multiplies
    each base rate by a product of factors bounded by ``factors.combined_maximum`` and caps
    the result at ``factors.max_probability`` (app/market/README.md). A customer whose three
    draws of the day are above these bounds (and who has no delivery in transit) does
    nothing that day: the model need not be asked."""
    c, f = params.customers, params.factors
    most, cap = f.combined_maximum, f.max_probability
    return (
        min(most / c.mean_reorder_days, cap) * _SLACK,
        min(c.complaints_per_year / 365.0 * most, cap) * _SLACK,
        min(c.churn_daily_rate * most, cap) * _SLACK,
    )


def _candidates(
    session: Session, ids: list[int], known: dict[int, Person]
) -> dict[int, tuple[dict[str, Any] | None, datetime | None]]:
    """What the market remembers of these customers and their last contact, by market row,
    in one statement; their people (hidden attributes, which never change) are parsed into
    ``known`` when not there yet (kept across the days of an advance)."""
    found: dict[int, tuple[dict[str, Any] | None, datetime | None]] = {}
    for start in range(0, len(ids), 500):
        for person_id, state, last_contact_at, attributes in session.execute(
            select(
                MarketPerson.id,
                MarketPerson.state,
                Prospect.last_contact_at,
                # As stored: parsed only for the people not read yet.
                cast_(MarketPerson.attributes, Text),
            )
            .join(Prospect, Prospect.id == MarketPerson.prospect_id)
            .where(MarketPerson.id.in_(ids[start : start + 500]))
        ):
            found[person_id] = (state, last_contact_at)
            if person_id not in known:
                known[person_id] = Person.from_json(json.loads(attributes))
    return found


def play(
    session: Session,
    principal: Principal,
    run: ExerciseRun,
    day: date,
    day_index: int,
    params: MarketParameters,
    memo: RunMemo | None = None,
) -> list[MarketEvent]:
    """The customers' events of the day, customer after customer (by market row). Each
    customer's day is the model's keyed draws (``model.later_events``); the draws of every
    customer are first computed at once (``unit_batch``), and only the customers whose draws
    may give an event (``_bounds``) or who have invoices open are read and played: the
    others would play nothing. ``memo``: what the caller keeps across the days it plays."""
    rows: list[_Customer] = []
    for person_id, person_key, prospect_id in session.execute(
        select(MarketPerson.id, MarketPerson.person_key, MarketPerson.prospect_id)
        .join(Prospect, Prospect.id == MarketPerson.prospect_id)
        .where(
            MarketPerson.run_id == run.id,
            # Always true (a run's people are its owner's prospects, and no prospect changes
            # hands): it lets the database start from the owner's few customers.
            Prospect.owner_id == run.owner_id,
            Prospect.status == ProspectStatus.CUSTOMER,
            Prospect.anonymised.is_(False),
        )
        .order_by(MarketPerson.id)
    ):
        assert prospect_id is not None  # joined to its prospect
        rows.append(_Customer(person_id, person_key, prospect_id))
    if not rows:
        return []
    customers = {row.prospect_id for row in rows}
    # The owner's deliveries in transit and open invoices (a few), kept for the customers.
    in_transit: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in session.scalars(
        select(Delivery)
        .where(Delivery.owner_id == run.owner_id, Delivery.status == DeliveryStatus.SHIPPED)
        .order_by(Delivery.id)
    ):
        if delivery.prospect_id in customers:
            in_transit[delivery.prospect_id].append(delivery)
    open_invoices: dict[int, list[Invoice]] = defaultdict(list)
    for invoice in session.scalars(
        select(Invoice)
        .where(
            Invoice.owner_id == run.owner_id,
            Invoice.kind == InvoiceKind.INVOICE,
            Invoice.status == InvoiceStatus.OPEN,
        )
        .order_by(Invoice.id)
    ):
        if invoice.prospect_id in customers:
            open_invoices[invoice.prospect_id].append(invoice)
    # The day's draws of every customer at once: the same numbers ``model.later_events``
    # draws, ``unit(*key, day_index, kind)`` with key (seed, person key, "day", day).
    iso = day.isoformat()
    keys = [row.person_key for row in rows]
    draws = [
        unit_batch((run.seed,), keys, ("day", iso, day_index, kind)).tolist()
        for kind in ("order", "complaint", "churn")
    ]
    bounds = _bounds(params)
    playing = [
        (i, row)
        for i, row in enumerate(rows)
        if open_invoices.get(row.prospect_id)
        or in_transit.get(row.prospect_id)
        or any(draws[k][i] < bounds[k] for k in range(3))
    ]
    if not playing:
        return []
    ids = [row.person_id for _, row in playing]
    memo = memo if memo is not None else RunMemo()
    remembered = _candidates(session, ids, memo.people)
    persons = memo.people
    catalogue: _Catalogue | None = None  # the trainee's active case, read once a day
    events: list[MarketEvent] = []
    states: list[dict[str, Any]] = []
    # The day's orders are written together (``orders.create_many``) at the end of the day,
    # then its complaints (about the latest orders); an order refused takes back its event
    # and state.
    pending: list[_Pending] = []
    complaining: list[tuple[MarketEvent, ComplaintCreate]] = []

    def settle() -> None:
        if not pending:
            return
        assert catalogue is not None  # an order came from its products
        assert catalogue.active is not None
        made = orders.create_many(session, principal, [p.item for p in pending], catalogue.active)
        for waiting, result in zip(pending, made, strict=True):
            if isinstance(result, AppError):
                events.remove(waiting.event)
                if waiting.previous is None:
                    waiting.state.pop("last_order_day", None)
                else:
                    waiting.state["last_order_day"] = waiting.previous
                continue
            waiting.event.record = f"order:{result.id}"
            waiting.event.detail = {**waiting.event.detail, "number": result.number}
        pending.clear()

    for _, row in playing:
        stored, last_contact = remembered[row.person_id]
        old_state = stored or {}
        state = dict(old_state)
        person = persons[row.person_id]
        key = (run.seed, person.key, "day", iso)
        events += _payments(session, run, row, person, open_invoices[row.prospect_id], day,
                            params)  # fmt: skip
        if state.get("churned"):
            continue
        last_order = state.get("last_order_day")
        customer = model.CustomerState(
            days_since_last_order=(day - date.fromisoformat(last_order)).days if last_order else 60,
            days_since_last_contact=max((day - last_contact.date()).days, 0)
            if last_contact is not None
            else 120,
            open_invoices=0,  # payments are the invoices' own draws (``_payments``)
            deliveries_in_transit=len(in_transit[row.prospect_id]),
        )
        for later in model.later_events(key, person, customer, day_index, params):
            record: str | None = None
            detail: dict[str, Any] = {
                k: v for k, v in later.detail.items() if isinstance(v, str | int | float | bool)
            }
            if later.kind == "order":
                if catalogue is None:
                    catalogue = _catalogue(session, run.owner_id)
                item = _order(row.prospect_id, person, key, catalogue, params)
                if item is None:
                    continue
                event = _event(run, row, day, later.kind, key, None, detail)
                pending.append(_Pending(item, event, state, state.get("last_order_day")))
                state["last_order_day"] = day.isoformat()
                events.append(event)
                continue
            elif later.kind == "delivery_incident":
                if not in_transit[row.prospect_id]:
                    continue
                delivery = in_transit[row.prospect_id][0]
                kind = INCIDENTS[int(unit(*key, "incident-kind") * len(INCIDENTS))]
                try:
                    deliveries.record_event(
                        session,
                        delivery,
                        DeliveryEventIn(
                            version=delivery.version,
                            kind=DeliveryEventKind.INCIDENT,
                            incident=kind,
                            occurred_on=day,
                            note="Signalé par le client (marché simulé).",
                            promised_on=day + timedelta(days=3)
                            if kind is IncidentKind.LATE
                            else None,
                        ),
                    )
                except AppError:
                    continue
                record = f"delivery:{delivery.id}"
                detail["incident"] = kind.value
            elif later.kind == "complaint":
                category, subject, description = COMPLAINTS[
                    int(unit(*key, "complaint-kind") * len(COMPLAINTS))
                ]
                # Written after the day's orders (a complaint is about the customer's
                # latest order, maybe today's: the model draws an order before a complaint).
                event = _event(run, row, day, later.kind, key, None, detail)
                complaining.append(
                    (
                        event,
                        ComplaintCreate(
                            prospect_id=row.prospect_id,
                            channel=Channel.EMAIL,
                            category=category,
                            severity=ComplaintSeverity.MEDIUM,
                            received_on=day,
                            subject=subject,
                            description=description + " (marché simulé)",
                        ),
                    )
                )
                events.append(event)
                continue
            elif later.kind == "churn":
                state["churned"] = True
            elif later.kind == "late_payment":
                continue  # the invoices draw their own lateness (``_payments``)
            events.append(_event(run, row, day, later.kind, key, record, detail))
        if state != old_state:
            states.append({"person": row.person_id, "new_state": state})
    settle()
    for event, complaint_in in complaining:
        assert complaint_in.prospect_id is not None
        complaint_in.order_id = _last_order(session, run.owner_id, complaint_in.prospect_id)
        event.record = f"complaint:{complaints.create(session, principal, complaint_in).id}"
    if states:
        session.execute(
            update(MARKET_PEOPLE)
            .where(MARKET_PEOPLE.c.id == bindparam("person"))
            .values(state=bindparam("new_state")),
            states,
        )
    return events


def _last_order(session: Session, owner_id: int, prospect_id: int) -> int | None:
    """The customer's latest order (the one a complaint is about), if any."""
    return session.scalar(
        select(Order.id)
        .where(Order.owner_id == owner_id, Order.prospect_id == prospect_id)
        .order_by(Order.id.desc())
        .limit(1)
    )


def _order(
    prospect_id: int,
    person: Person,
    key: tuple[Any, ...],
    catalogue: _Catalogue,
    params: MarketParameters,
) -> OrderCreate | None:
    """What the customer orders today: a product of the catalogue (drawn), for a share of
    their budget; None when the case has no catalogue."""
    products = catalogue.products
    if not products:
        return None
    reference, price = choose(
        unit(*key, "product"), [(item, 1 / len(products)) for item in products]
    )
    amount = Decimal(person.budget) * Decimal(str(params.customers.order_share_of_budget))
    quantity = max(1, min(int(amount / price) if price > 0 else 1, 999))
    return OrderCreate(
        prospect_id=prospect_id,
        lines=[QuoteLineIn(product_reference=reference, quantity=Decimal(quantity))],
        notes="Commande passée par le client (marché simulé).",
    )


def _payments(
    session: Session,
    run: ExerciseRun,
    row: _Customer,
    person: Person,
    open_invoices: list[Invoice],
    day: date,
    params: MarketParameters,
) -> list[MarketEvent]:
    """Each open invoice is paid on its due date, or late: the lateness is drawn once per
    invoice (keyed by its number), with the person's late-payment propensity."""
    events = []
    for invoice in open_invoices:
        key = (run.seed, person.key, "invoice", invoice.number)
        rate = params.customers.late_payment_rate * 2 * person.late_payment_propensity
        late = unit(*key, "late") < min(rate, params.factors.max_probability)
        delay = 15 + int(unit(*key, "delay") * 45) if late else 0
        pay_on = invoice.due_on + timedelta(days=delay)
        if late and day == invoice.due_on + timedelta(days=1):
            events.append(_event(run, row, day, "late_payment", key, f"invoice:{invoice.id}",
                                 {"number": invoice.number}))  # fmt: skip
        if day != pay_on:
            continue
        amount = invoices.balance(invoice)
        if amount <= 0:
            continue
        try:
            invoices.record_payment(
                session,
                invoice,
                PaymentCreate(
                    version=invoice.version,
                    paid_on=day,
                    amount=amount,
                    method=PaymentMethod.TRANSFER,
                    reference="Virement (marché simulé)",
                ),
            )
        except AppError:
            continue
        events.append(_event(run, row, day, "payment", key, f"invoice:{invoice.id}",
                             {"number": invoice.number, "late_days": delay}))  # fmt: skip
    return events


def _event(
    run: ExerciseRun,
    row: _Customer,
    day: date,
    kind: str,
    key: tuple[Any, ...],
    record: str | None,
    detail: dict[str, Any],
) -> MarketEvent:
    return MarketEvent(
        owner_id=run.owner_id,
        run_id=run.id,
        person_id=row.person_id,
        prospect_id=row.prospect_id,
        day=day,
        kind=kind,
        outcome=kind,
        draw_key=":".join(str(p) for p in key)[:200],
        record=record,
        detail=detail,
    )
