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

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.core.errors import AppError
from app.core.principal import Principal
from app.follow_up import complaints, deliveries, invoices, orders
from app.follow_up.invoice_schemas import PaymentCreate
from app.follow_up.schemas import ComplaintCreate, DeliveryEventIn, OrderCreate
from app.market import model
from app.market.draws import choose, unit
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


def _catalogue(session: Session, trainee_id: int) -> list[tuple[str, Decimal]]:
    active = cases.active_case(session, trainee_id)
    if active is None:
        return []
    return [(p.reference, Decimal(p.price_ht)) for p in active.document.catalogue.products]


def play(
    session: Session,
    principal: Principal,
    run: ExerciseRun,
    day: date,
    day_index: int,
    params: MarketParameters,
) -> list[MarketEvent]:
    rows = session.execute(
        select(MarketPerson, Prospect)
        .join(Prospect, Prospect.id == MarketPerson.prospect_id)
        .where(
            MarketPerson.run_id == run.id,
            Prospect.status == ProspectStatus.CUSTOMER,
            Prospect.anonymised.is_(False),
        )
        .order_by(MarketPerson.id)
    ).all()
    if not rows:
        return []
    prospect_ids = [prospect.id for _, prospect in rows]
    in_transit: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in session.scalars(
        select(Delivery)
        .where(
            Delivery.owner_id == run.owner_id,
            Delivery.prospect_id.in_(prospect_ids),
            Delivery.status == DeliveryStatus.SHIPPED,
        )
        .order_by(Delivery.id)
    ):
        in_transit[delivery.prospect_id].append(delivery)
    open_invoices: dict[int, list[Invoice]] = defaultdict(list)
    for invoice in session.scalars(
        select(Invoice)
        .where(
            Invoice.owner_id == run.owner_id,
            Invoice.prospect_id.in_(prospect_ids),
            Invoice.kind == InvoiceKind.INVOICE,
            Invoice.status == InvoiceStatus.OPEN,
        )
        .order_by(Invoice.id)
    ):
        open_invoices[invoice.prospect_id].append(invoice)
    last_orders = dict(
        session.execute(
            select(Order.prospect_id, Order.id)
            .where(Order.owner_id == run.owner_id, Order.prospect_id.in_(prospect_ids))
            .order_by(Order.id)
        ).all()
    )
    catalogue: list[tuple[str, Decimal]] | None = None
    events: list[MarketEvent] = []
    for row, prospect in rows:
        state = dict(row.state or {})
        person = Person.from_json(row.attributes)
        key = (run.seed, person.key, "day", day.isoformat())
        events += _payments(session, run, row, person, open_invoices[prospect.id], day, params)
        if state.get("churned"):
            continue
        last_order = state.get("last_order_day")
        last_contact = prospect.last_contact_at
        customer = model.CustomerState(
            days_since_last_order=(day - date.fromisoformat(last_order)).days if last_order else 60,
            days_since_last_contact=max((day - last_contact.date()).days, 0)
            if last_contact is not None
            else 120,
            open_invoices=0,  # payments are the invoices' own draws (``_payments``)
            deliveries_in_transit=len(in_transit[prospect.id]),
        )
        for later in model.later_events(key, person, customer, day_index, params):
            record: str | None = None
            detail: dict[str, Any] = {
                k: v for k, v in later.detail.items() if isinstance(v, str | int | float | bool)
            }
            if later.kind == "order":
                if catalogue is None:
                    catalogue = _catalogue(session, run.owner_id)
                order = _order(session, principal, prospect, person, key, catalogue, params)
                if order is None:
                    continue
                state["last_order_day"] = day.isoformat()
                last_orders[prospect.id] = order.id
                record = f"order:{order.id}"
                detail["number"] = order.number
            elif later.kind == "delivery_incident":
                if not in_transit[prospect.id]:
                    continue
                delivery = in_transit[prospect.id][0]
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
                complaint = complaints.create(
                    session,
                    principal,
                    ComplaintCreate(
                        prospect_id=prospect.id,
                        order_id=last_orders.get(prospect.id),
                        channel=Channel.EMAIL,
                        category=category,
                        severity=ComplaintSeverity.MEDIUM,
                        received_on=day,
                        subject=subject,
                        description=description + " (marché simulé)",
                    ),
                )
                record = f"complaint:{complaint.id}"
            elif later.kind == "churn":
                state["churned"] = True
            elif later.kind == "late_payment":
                continue  # the invoices draw their own lateness (``_payments``)
            events.append(_event(run, row, day, later.kind, key, record, detail))
        if state != (row.state or {}):
            row.state = state
    return events


def _order(
    session: Session,
    principal: Principal,
    prospect: Prospect,
    person: Person,
    key: tuple[Any, ...],
    catalogue: list[tuple[str, Decimal]],
    params: MarketParameters,
) -> Order | None:
    if not catalogue:
        return None
    reference, price = choose(
        unit(*key, "product"), [(item, 1 / len(catalogue)) for item in catalogue]
    )
    amount = Decimal(person.budget) * Decimal(str(params.customers.order_share_of_budget))
    quantity = max(1, min(int(amount / price) if price > 0 else 1, 999))
    try:
        return orders.create(
            session,
            principal,
            OrderCreate(
                prospect_id=prospect.id,
                lines=[QuoteLineIn(product_reference=reference, quantity=Decimal(quantity))],
                notes="Commande passée par le client (marché simulé).",
            ),
        )
    except AppError:
        return None  # a catalogue the policy refuses as is: no order that day


def _payments(
    session: Session,
    run: ExerciseRun,
    row: MarketPerson,
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
    row: MarketPerson,
    day: date,
    kind: str,
    key: tuple[Any, ...],
    record: str | None,
    detail: dict[str, Any],
) -> MarketEvent:
    return MarketEvent(
        owner_id=run.owner_id,
        run_id=run.id,
        person_id=row.id,
        prospect_id=row.prospect_id,
        day=day,
        kind=kind,
        outcome=kind,
        draw_key=":".join(str(p) for p in key)[:200],
        record=record,
        detail=detail,
    )
