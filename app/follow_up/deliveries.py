"""Deliveries (CP7.1): shipments of an order's lines (partial deliveries), each step dated
(prepared, shipped, delivered) and incidents (late, damaged, missing). An incident opens the
business case's delivery-incident case for the delivery; a delivery carries at most what is
left to ship; delivering updates the order's delivered quantities and, once all is
delivered, the order's status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.follow_up import cases, policy
from app.follow_up import repository as repo
from app.follow_up.schemas import DeliveryCreate, DeliveryEventIn, DeliveryLineIn
from app.models import (
    CaseType,
    Delivery,
    DeliveryEvent,
    DeliveryEventKind,
    DeliveryStatus,
    FollowUpSubject,
    IncidentKind,
    Order,
    OrderLine,
    OrderStatus,
    Role,
)

STATUS_FR = {
    DeliveryStatus.PLANNED: "prévue",
    DeliveryStatus.PREPARED: "préparée",
    DeliveryStatus.SHIPPED: "expédiée",
    DeliveryStatus.DELIVERED: "livrée",
}
INCIDENT_FR = {
    IncidentKind.LATE: "retard",
    IncidentKind.DAMAGED: "colis abîmé",
    IncidentKind.MISSING: "article manquant",
}
# Each step follows the one before it (preparing may be skipped: shipped straight away).
NEXT: dict[DeliveryEventKind, tuple[DeliveryStatus, ...]] = {
    DeliveryEventKind.PREPARED: (DeliveryStatus.PLANNED,),
    DeliveryEventKind.SHIPPED: (DeliveryStatus.PLANNED, DeliveryStatus.PREPARED),
    DeliveryEventKind.DELIVERED: (DeliveryStatus.SHIPPED,),
}
REACHED = {
    DeliveryEventKind.PREPARED: DeliveryStatus.PREPARED,
    DeliveryEventKind.SHIPPED: DeliveryStatus.SHIPPED,
    DeliveryEventKind.DELIVERED: DeliveryStatus.DELIVERED,
}


def _planned(session: Session, order: Order) -> dict[int, Decimal]:
    """What the order's deliveries already carry, per order line."""
    carried: dict[int, Decimal] = {}
    for d in repo.deliveries_of(session, order.id):
        for line in d.lines:
            key = int(line["order_line_id"])
            carried[key] = carried.get(key, Decimal(0)) + Decimal(line["quantity"])
    return carried


def create(session: Session, principal: Principal, order: Order, data: DeliveryCreate) -> Delivery:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Une livraison est suivie par le stagiaire qui vend.")
    if order.status is not OrderStatus.OPEN:
        raise Conflict(f"Commande {order.number} non en cours : rien à livrer.")
    if data.promised_on < order.ordered_on:
        raise FieldError(
            "promised_on",
            f"La date promise suit la date de commande ({order.ordered_on.isoformat()}).",
        )
    lines = {ln.id: ln for ln in repo.lines_of(session, order.id)}
    carried = _planned(session, order)
    wanted = data.lines or [
        DeliveryLineIn(order_line_id=ln.id, quantity=ln.quantity - carried.get(ln.id, Decimal(0)))
        for ln in lines.values()
        if ln.quantity > carried.get(ln.id, Decimal(0))
    ]
    if not wanted:
        raise Conflict(f"Tout ce que la commande {order.number} porte est déjà en livraison.")
    seen: set[int] = set()
    for i, item in enumerate(wanted):
        line = lines.get(item.order_line_id)
        if line is None:
            raise FieldError(f"lines.{i}.order_line_id", "Ligne d'une autre commande.")
        if item.order_line_id in seen:
            raise FieldError(f"lines.{i}.order_line_id", "Ligne donnée deux fois.")
        seen.add(item.order_line_id)
        left = line.quantity - carried.get(line.id, Decimal(0))
        if item.quantity > left:
            raise Conflict(
                f"« {line.label} » : {_q(item.quantity)} demandé(s), il en reste {_q(left)} à "
                "livrer."
            )
    delivery = Delivery(
        owner_id=order.owner_id,
        order_id=order.id,
        prospect_id=order.prospect_id,
        position=len(repo.deliveries_of(session, order.id)) + 1,
        status=DeliveryStatus.PLANNED,
        promised_on=data.promised_on,
        lines=[{"order_line_id": w.order_line_id, "quantity": str(w.quantity)} for w in wanted],
        carrier=data.carrier,
        tracking=data.tracking,
        notes=data.notes,
    )
    session.add(delivery)
    session.flush()
    return delivery


def _q(value: Decimal) -> str:
    return format(value.normalize(), "f")


def record_event(session: Session, delivery: Delivery, data: DeliveryEventIn) -> Delivery:
    check_version(delivery, data.version)
    today = policy.today()
    on = data.occurred_on or today
    if on > today:
        raise FieldError("occurred_on", "Une étape se date au plus tard aujourd'hui.")
    order = session.get(Order, delivery.order_id)
    assert order is not None
    if on < order.ordered_on:
        raise FieldError("occurred_on", "Avant la commande : vérifiez la date.")
    if order.status is OrderStatus.CANCELLED:
        raise Conflict(f"Commande {order.number} annulée.")
    if data.kind is DeliveryEventKind.INCIDENT:
        _incident(session, delivery, order, data, on)
    else:
        allowed = NEXT[data.kind]
        if delivery.status not in allowed:
            raise Conflict(
                f"Livraison {STATUS_FR[delivery.status]} : l'étape « {data.kind.value} » vient "
                f"après « {' ou '.join(STATUS_FR[s] for s in allowed)} »."
            )
        if data.delivered_lines is not None and data.kind is not DeliveryEventKind.DELIVERED:
            raise FieldError("delivered_lines", "Seule la livraison dit ce qui est arrivé.")
        delivery.status = REACHED[data.kind]
        setattr(delivery, f"{REACHED[data.kind].value}_on", on)
        if data.kind is DeliveryEventKind.DELIVERED:
            _delivered(session, delivery, order, data, on)
    session.add(
        DeliveryEvent(
            owner_id=delivery.owner_id,
            delivery_id=delivery.id,
            kind=data.kind,
            incident=data.incident,
            occurred_on=on,
            note=data.note,
        )
    )
    session.flush()
    return delivery


def _incident(
    session: Session, delivery: Delivery, order: Order, data: DeliveryEventIn, on: date
) -> None:
    if data.incident is IncidentKind.LATE:
        if delivery.status is DeliveryStatus.DELIVERED:
            raise Conflict("Livraison déjà livrée : un retard se signale avant.")
        if data.promised_on is not None:
            if data.promised_on < on:
                raise FieldError("promised_on", "La nouvelle date promise suit l'incident.")
            delivery.promised_on = data.promised_on
    elif data.promised_on is not None:
        raise FieldError("promised_on", "Seul un retard change la date promise.")
    cases.open_case(
        session,
        delivery.owner_id,
        order.prospect_id,
        CaseType.DELIVERY_INCIDENT,
        order.business_case_version_id,
        subject=FollowUpSubject.DELIVERY,
        subject_id=delivery.id,
        title=f"Incident de livraison ({INCIDENT_FR[data.incident or IncidentKind.LATE]})"
        f" — {order.number} / {delivery.position}",
    )


def _delivered(
    session: Session, delivery: Delivery, order: Order, data: DeliveryEventIn, on: date
) -> None:
    carried = {int(ln["order_line_id"]): Decimal(ln["quantity"]) for ln in delivery.lines}
    arrived = dict(carried)
    if data.delivered_lines is not None:
        arrived = {k: Decimal(0) for k in carried}
        for i, item in enumerate(data.delivered_lines):
            if item.order_line_id not in carried:
                raise FieldError(
                    f"delivered_lines.{i}.order_line_id", "Ligne absente de cette livraison."
                )
            if item.quantity > carried[item.order_line_id]:
                raise FieldError(
                    f"delivered_lines.{i}.quantity", f"Au plus {_q(carried[item.order_line_id])}."
                )
            arrived[item.order_line_id] = item.quantity
    lines = {ln.id: ln for ln in repo.lines_of(session, order.id)}
    for key, quantity in arrived.items():
        lines[key].quantity_delivered = lines[key].quantity_delivered + quantity
    if arrived != carried:
        # What did not arrive is a "missing" incident, and it may be shipped again.
        delivery.lines = [
            {"order_line_id": k, "quantity": str(v)} for k, v in arrived.items() if v > 0
        ]
        session.add(
            DeliveryEvent(
                owner_id=delivery.owner_id,
                delivery_id=delivery.id,
                kind=DeliveryEventKind.INCIDENT,
                incident=IncidentKind.MISSING,
                occurred_on=on,
                note=_missing_note(lines, carried, arrived),
            )
        )
        cases.open_case(
            session,
            delivery.owner_id,
            order.prospect_id,
            CaseType.DELIVERY_INCIDENT,
            order.business_case_version_id,
            subject=FollowUpSubject.DELIVERY,
            subject_id=delivery.id,
            title=f"Incident de livraison (article manquant) — {order.number} / "
            f"{delivery.position}",
        )
    if all(ln.quantity_delivered >= ln.quantity for ln in lines.values()):
        order.status = OrderStatus.DELIVERED


def _missing_note(
    lines: dict[int, OrderLine], carried: dict[int, Decimal], arrived: dict[int, Decimal]
) -> str:
    return "Manquant : " + ", ".join(
        f"{lines[k].label} × {_q(carried[k] - arrived[k])}"
        for k in carried
        if arrived[k] < carried[k]
    )


# ----------------------------------------------------------------- reading


def rows(session: Session, items: list[Delivery]) -> list[dict[str, Any]]:
    today = policy.today()
    order_ids = {d.order_id for d in items}
    orders = repo.orders_by_id(session, order_ids)
    events = repo.events_of(session, [d.id for d in items])
    incidents: dict[int, int] = {}
    for e in events:
        if e.kind is DeliveryEventKind.INCIDENT:
            incidents[e.delivery_id] = incidents.get(e.delivery_id, 0) + 1
    labels = repo.line_labels(session, order_ids)
    return [_row(d, orders[d.order_id], labels, incidents.get(d.id, 0), today) for d in items]


def _row(
    d: Delivery, order: Order, labels: dict[int, str], incidents: int, today: date
) -> dict[str, Any]:
    return {
        "id": d.id,
        "owner_id": d.owner_id,
        "order_id": d.order_id,
        "order_number": order.number,
        "prospect_id": d.prospect_id,
        "position": d.position,
        "status": d.status,
        "promised_on": d.promised_on,
        "late_days": policy.late_days(d.promised_on, d.delivered_on, today),
        "lines": [
            {
                "order_line_id": int(ln["order_line_id"]),
                "label": labels.get(int(ln["order_line_id"]), ""),
                "quantity": Decimal(ln["quantity"]),
            }
            for ln in d.lines
        ],
        "carrier": d.carrier,
        "tracking": d.tracking,
        "notes": d.notes,
        "prepared_on": d.prepared_on,
        "shipped_on": d.shipped_on,
        "delivered_on": d.delivered_on,
        "incidents": incidents,
        "created_at": d.created_at,
        "updated_at": d.updated_at,
        "version": d.version,
    }


def detail(session: Session, delivery: Delivery) -> dict[str, Any]:
    case = repo.cases_about(session, FollowUpSubject.DELIVERY, [delivery.id]).get(delivery.id)
    return {
        **rows(session, [delivery])[0],
        "events": repo.events_of(session, [delivery.id]),
        "case_id": case.id if case else None,
    }
