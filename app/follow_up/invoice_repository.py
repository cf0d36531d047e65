"""Queries of invoices, credit notes, payments and relaunches, from the caller's scope.

The overdue list reads the index ``(owner_id, status, due_on)``: one owner's open invoices
due before a day, in due-date order; its count stops at the list cap (``total_exact``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.core.pagination import PageParams, count_up_to, order_by
from app.core.repository import ScopedRepository
from app.models import (
    Delivery,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Payment,
    Relaunch,
)

INVOICE_SORTS = {
    "issued_on": Invoice.issued_on,
    "due_on": Invoice.due_on,
    "number": Invoice.number,
    "total_ttc": Invoice.total_ttc,
    "created_at": Invoice.created_at,
}


def overdue_clause(today: date) -> Any:
    """Open invoices (credit notes are never open) due before ``today``."""
    return (Invoice.status == InvoiceStatus.OPEN) & (Invoice.due_on < today)


class InvoiceRepository(ScopedRepository[Invoice]):
    model = Invoice
    label = "Facture"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        order_id: int | None,
        status: InvoiceStatus | None,
        kind: InvoiceKind | None,
        overdue: bool | None,
        today: date,
        sort: str | None,
    ) -> tuple[list[Invoice], int, bool]:
        """One page, the count (up to the list cap) and whether it is exact."""
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(Invoice.prospect_id == prospect_id)
        if order_id is not None:
            stmt = stmt.where(Invoice.order_id == order_id)
        if status is not None:
            stmt = stmt.where(Invoice.status == status)
        if kind is not None:
            stmt = stmt.where(Invoice.kind == kind)
        if overdue is True:
            stmt = stmt.where(overdue_clause(today))
        elif overdue is False:
            stmt = stmt.where(or_(Invoice.status != InvoiceStatus.OPEN, Invoice.due_on >= today))
        if sort:
            stmt = stmt.order_by(*order_by(sort, INVOICE_SORTS, default=()), Invoice.id)
        elif overdue:
            stmt = stmt.order_by(Invoice.due_on, Invoice.id)  # the oldest due first: the index
        else:
            stmt = stmt.order_by(Invoice.id.desc())  # the newest first: issued in id order
        items = list(self.session.scalars(stmt.limit(params.limit).offset(params.offset)))
        total, exact = count_up_to(self.session, stmt, get_settings().list_count_cap)
        return items, total, exact

    def overdue(
        self, owner_id: int, today: date, limit: int, prospect_id: int | None = None
    ) -> list[Invoice]:
        """One owner's overdue invoices, the oldest due first (the account view, the agenda)."""
        stmt = self.readable_statement(owner_id).where(overdue_clause(today))
        if prospect_id is not None:
            stmt = stmt.where(Invoice.prospect_id == prospect_id)
        return list(self.session.scalars(stmt.order_by(Invoice.due_on, Invoice.id).limit(limit)))


def invoices_of_order(session: Session, order_id: int) -> list[Invoice]:
    """The order's invoices (not its credit notes), in number order."""
    stmt: Select[Any] = (
        select(Invoice)
        .where(Invoice.order_id == order_id, Invoice.kind == InvoiceKind.INVOICE)
        .order_by(Invoice.id)
    )
    return list(session.scalars(stmt))


def delivery_of_order(session: Session, delivery_id: int, order_id: int) -> Delivery | None:
    return session.scalar(
        select(Delivery).where(Delivery.id == delivery_id, Delivery.order_id == order_id)
    )


def payments_of(session: Session, invoice_ids: Iterable[int]) -> dict[int, list[Payment]]:
    ids = list(set(invoice_ids))
    found: dict[int, list[Payment]] = defaultdict(list)
    if ids:
        stmt = (
            select(Payment).where(Payment.invoice_id.in_(ids)).order_by(Payment.paid_on, Payment.id)
        )
        for payment in session.scalars(stmt):
            found[payment.invoice_id].append(payment)
    return found


def credit_notes_of(session: Session, invoice_ids: Iterable[int]) -> dict[int, list[Invoice]]:
    ids = list(set(invoice_ids))
    found: dict[int, list[Invoice]] = defaultdict(list)
    if ids:
        stmt = (
            select(Invoice)
            .where(Invoice.invoice_id.in_(ids), Invoice.kind == InvoiceKind.CREDIT_NOTE)
            .order_by(Invoice.issued_on, Invoice.id)
        )
        for note in session.scalars(stmt):
            assert note.invoice_id is not None
            found[note.invoice_id].append(note)
    return found


def relaunches_of(session: Session, invoice_id: int) -> list[Relaunch]:
    stmt = (
        select(Relaunch)
        .where(Relaunch.invoice_id == invoice_id)
        .order_by(Relaunch.sent_on, Relaunch.id)
    )
    return list(session.scalars(stmt))


def last_relaunch_on(session: Session, invoice_ids: Iterable[int]) -> dict[int, date]:
    """The date of each invoice's last relaunch (those with one)."""
    ids = list(set(invoice_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Relaunch.invoice_id, func.max(Relaunch.sent_on))
        .where(Relaunch.invoice_id.in_(ids))
        .group_by(Relaunch.invoice_id)
    )
    return {key: value for key, value in rows}  # noqa: C416 (Rows, not pairs)
