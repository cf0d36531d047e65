"""Decisions on a case (CP7.3): what the salesperson grants the client, checked against the
authority of the business case version the case runs under (``authority.check``). A payment
delay on an invoice's case moves the invoice's due date."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.core.errors import Conflict
from app.core.principal import Principal
from app.follow_up import authority, invoices, policy
from app.follow_up.schemas import DecisionCreate
from app.models import (
    CaseDecision,
    CaseStatus,
    Complaint,
    DecisionKind,
    Delivery,
    FollowUpCase,
    FollowUpSubject,
    Invoice,
    Order,
)


def order_of_case(session: Session, case: FollowUpCase) -> Order | None:
    """The order a case is about, through its record (a delivery, an invoice, a complaint)."""
    if case.subject is None or case.subject_id is None:
        return None
    if case.subject is FollowUpSubject.ORDER:
        return session.get(Order, case.subject_id)
    model: Any = {
        FollowUpSubject.DELIVERY: Delivery,
        FollowUpSubject.INVOICE: Invoice,
        FollowUpSubject.COMPLAINT: Complaint,
    }.get(case.subject)
    record = session.get(model, case.subject_id) if model is not None else None
    order_id = getattr(record, "order_id", None)
    return session.get(Order, order_id) if order_id is not None else None


def grant(
    session: Session,
    principal: Principal,
    case: FollowUpCase,
    kind: DecisionKind,
    *,
    amount_ht: Decimal | None = None,
    rate: Decimal | None = None,
    days: int | None = None,
    note: str = "",
) -> CaseDecision:
    if case.status is CaseStatus.CLOSED:
        raise Conflict("Dossier clos : rouvrez-en un pour décider.")
    order = order_of_case(session, case)
    granted = authority.check(
        policy.policy_of(session, case.business_case_version_id),
        kind,
        amount_ht=amount_ht,
        rate=rate,
        days=days,
        base_ht=order.net_commercial_ht if order is not None else None,
    )
    invoice = (
        session.get(Invoice, case.subject_id)
        if case.subject is FollowUpSubject.INVOICE and case.subject_id is not None
        else None
    )
    if invoice is not None and kind is DecisionKind.PAYMENT_DELAY and days is not None:
        invoice.due_on = invoice.due_on + timedelta(days=days)
    if invoice is not None and kind is DecisionKind.CREDIT_NOTE and granted.amount_ht:
        # The credit note granted on the invoice's case is issued on it (AV-…).
        invoices.issue_credit_note(
            session,
            principal,
            invoice,
            granted.amount_ht,
            None,
            note or "Avoir accordé sur le dossier",
        )
    decision = CaseDecision(
        owner_id=case.owner_id,
        case_id=case.id,
        kind=kind,
        amount_ht=granted.amount_ht,
        rate=granted.rate,
        days=granted.days,
        note=note,
        decided_on=policy.today(),
    )
    session.add(decision)
    session.flush()
    return decision


def create(
    session: Session, principal: Principal, case: FollowUpCase, data: DecisionCreate
) -> CaseDecision:
    return grant(
        session,
        principal,
        case,
        data.kind,
        amount_ht=data.amount_ht,
        rate=data.rate,
        days=data.days,
        note=data.note,
    )
