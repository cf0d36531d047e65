"""The follow-up's part of the agenda (registered at import, ``app.providers``): the due
dates of the sales follow-up as all-day items that do not book the day — a delivery promised
and not delivered, an invoice falling due and not paid, a complaint's response and
resolution due dates while it is open. They come from the records' live state, so an item
leaves the agenda when the delivery arrives, the invoice is paid or the complaint resolved
(no task to tick twice); a task may still be linked to an order, a delivery, an invoice, a
complaint or a case.

One query per kind, each on an index starting with ``(owner_id, status, due date)``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem
from app.business_cases.document import DEPARTMENT_LABELS
from app.follow_up.invoice_repository import InvoiceRepository
from app.follow_up.repository import (
    CaseRepository,
    ComplaintRepository,
    DeliveryRepository,
    OrderRepository,
)
from app.models import (
    Complaint,
    ComplaintStatus,
    Delivery,
    DeliveryStatus,
    Escalation,
    EscalationStatus,
    FollowUpCase,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Order,
    TaskLinkKind,
)

DELIVERY, INVOICE, COMPLAINT = "delivery_due", "invoice_due", "complaint_due"
ANSWER = "escalation_answer"
OPEN_COMPLAINTS = (ComplaintStatus.RECEIVED, ComplaintStatus.ANSWERED)


def delivery_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first, last = registry.period_days(start, end)
    bounds = registry.local_days(start)
    link_to = registry.linker(TaskLinkKind.DELIVERY)
    rows = registry.rows(session,
        select(Delivery.id, Delivery.owner_id, Delivery.position, Delivery.promised_on,
               Delivery.status, Order.number)
        .join(Order, Order.id == Delivery.order_id)
        .where(Delivery.owner_id.in_(owner_ids),
               Delivery.status != DeliveryStatus.DELIVERED,
               Delivery.promised_on >= first, Delivery.promised_on < last)
    )  # fmt: skip
    return [
        registry.all_day_item(
            f"{DELIVERY}:{i}", DELIVERY, f"Livraison promise — {number} / {position}", owner,
            day, bounds(day), link_to(i), {"status": str(status)},
        )
        for i, owner, position, day, status, number in rows
    ]  # fmt: skip


def invoice_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first, last = registry.period_days(start, end)
    bounds = registry.local_days(start)
    link_to = registry.linker(TaskLinkKind.INVOICE)
    rows = registry.rows(session,
        select(Invoice.id, Invoice.owner_id, Invoice.number, Invoice.due_on,
               Invoice.total_ttc - Invoice.paid - Invoice.credited)
        .where(Invoice.owner_id.in_(owner_ids), Invoice.status == InvoiceStatus.OPEN,
               Invoice.kind == InvoiceKind.INVOICE,
               Invoice.due_on >= first, Invoice.due_on < last)
    )  # fmt: skip
    return [
        registry.all_day_item(
            f"{INVOICE}:{i}", INVOICE, f"Échéance de la facture {number}", owner, day,
            bounds(day), link_to(i), {"balance_ttc": str(balance)},
        )
        for i, owner, number, day, balance in rows
    ]  # fmt: skip


def complaint_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first, last = registry.period_days(start, end)
    bounds = registry.local_days(start)
    link_to = registry.linker(TaskLinkKind.COMPLAINT)
    rows = registry.rows(session,
        select(Complaint.id, Complaint.owner_id, Complaint.subject, Complaint.response_due_on,
               Complaint.resolution_due_on, Complaint.responded_on)
        .where(Complaint.owner_id.in_(owner_ids), Complaint.status.in_(OPEN_COMPLAINTS),
               Complaint.received_on < last, Complaint.resolution_due_on >= first)
    )  # fmt: skip
    items = []
    for i, owner, subject, respond_by, resolve_by, responded in rows:
        if responded is None and first <= respond_by < last:
            items.append(registry.all_day_item(
                f"{COMPLAINT}:{i}:response", COMPLAINT, f"Répondre à la réclamation « {subject} »",
                owner, respond_by, bounds(respond_by), link_to(i), {"due": "response"},
            ))  # fmt: skip
        if first <= resolve_by < last:
            items.append(registry.all_day_item(
                f"{COMPLAINT}:{i}:resolution", COMPLAINT, f"Résoudre la réclamation « {subject} »",
                owner, resolve_by, bounds(resolve_by), link_to(i), {"due": "resolution"},
            ))  # fmt: skip
    return items


def answer_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    """The owner kept informed: a department's answer to their escalation, on its day."""
    first, last = registry.period_days(start, end)
    bounds = registry.local_days(start)
    link_to = registry.linker(TaskLinkKind.CASE)
    rows = registry.rows(session,
        select(Escalation.id, Escalation.owner_id, Escalation.case_id, Escalation.department,
               Escalation.answered_at, FollowUpCase.title)
        .join(FollowUpCase, FollowUpCase.id == Escalation.case_id)
        .where(Escalation.owner_id.in_(owner_ids),
               Escalation.status == EscalationStatus.ANSWERED,
               Escalation.answered_at >= start, Escalation.answered_at < end)
    )  # fmt: skip
    items = []
    for i, owner, case_id, department, answered_at, title in rows:
        day = answered_at.astimezone(start.tzinfo).date()
        if not first <= day < last:
            continue
        label = f"Réponse du service {DEPARTMENT_LABELS[department]} — {title}"
        items.append(registry.all_day_item(
            f"{ANSWER}:{i}", ANSWER, label, owner, day, bounds(day), link_to(case_id),
            {"department": str(department)},
        ))  # fmt: skip
    return items


registry.register_provider(DELIVERY, delivery_items, label="Livraison promise")
registry.register_provider(ANSWER, answer_items, label="Réponse d'un service")
registry.register_provider(INVOICE, invoice_items, label="Échéance de facture")
registry.register_provider(COMPLAINT, complaint_items, label="Réclamation à traiter")
registry.register_link_kind(TaskLinkKind.ORDER, "/commandes/{id}",
                            registry.own_record(OrderRepository))  # fmt: skip
registry.register_link_kind(TaskLinkKind.DELIVERY, "/livraisons/{id}",
                            registry.own_record(DeliveryRepository))  # fmt: skip
registry.register_link_kind(TaskLinkKind.COMPLAINT, "/reclamations/{id}",
                            registry.own_record(ComplaintRepository))  # fmt: skip
registry.register_link_kind(TaskLinkKind.CASE, "/dossiers/{id}",
                            registry.own_record(CaseRepository))  # fmt: skip
registry.register_link_kind(TaskLinkKind.INVOICE, "/factures/{id}",
                            registry.own_record(InvoiceRepository))  # fmt: skip
