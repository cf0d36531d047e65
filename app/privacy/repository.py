"""Queries of the privacy routes: Bloctel checks, data-subject requests, the access log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import (
    BloctelCheck,
    Contact,
    PrivacyAuditEntry,
    PrivacyRequest,
    PrivacyRequestKind,
    PrivacyRequestStatus,
    Prospect,
)


class BloctelRepository(ScopedRepository[BloctelCheck]):
    model = BloctelCheck
    label = "Vérification Bloctel"

    def page(self, page: PageParams) -> tuple[Sequence[BloctelCheck], int]:
        """The checks the caller may read, the latest first."""
        stmt = self.readable_statement().order_by(BloctelCheck.id.desc())
        return paginate(self.session, stmt, page)


#: The sorts of the request list (``?sort=``).
REQUEST_SORTS = {
    "due_on": PrivacyRequest.due_on,
    "received_on": PrivacyRequest.received_on,
    "created_at": PrivacyRequest.created_at,
}


class PrivacyRequestRepository(ScopedRepository[PrivacyRequest]):
    model = PrivacyRequest
    label = "Demande RGPD"

    def get(self, id_: int, *, write: bool) -> PrivacyRequest:
        return self.get_writable(id_) if write else self.get_readable(id_)

    def page(
        self,
        page: PageParams,
        *,
        sort: str | None,
        status: PrivacyRequestStatus | None,
        kind: PrivacyRequestKind | None,
        overdue: bool | None,
        today: date,
    ) -> tuple[Sequence[PrivacyRequest], int]:
        """The requests the caller may read, filtered; the nearest due date first unless
        ``sort`` says otherwise. Overdue: still open after its due date."""
        stmt = self.readable_statement()
        if status:
            stmt = stmt.where(PrivacyRequest.status == status)
        if kind:
            stmt = stmt.where(PrivacyRequest.kind == kind)
        if overdue is not None:
            late = (PrivacyRequest.status == PrivacyRequestStatus.OPEN) & (
                PrivacyRequest.due_on < today
            )
            stmt = stmt.where(late if overdue else ~late)
        stmt = stmt.order_by(*order_by(sort, REQUEST_SORTS, ["due_on"]), PrivacyRequest.id)
        return paginate(self.session, stmt, page)

    def subject(self, request: PrivacyRequest) -> tuple[Prospect | None, Contact | None]:
        """The person a request is about, as far as it still exists (the request is the
        caller's: so is its subject)."""
        prospect = self.session.get(Prospect, request.prospect_id) if request.prospect_id else None
        contact = self.session.get(Contact, request.contact_id) if request.contact_id else None
        return prospect, contact


class AuditRepository(ScopedRepository[PrivacyAuditEntry]):
    model = PrivacyAuditEntry
    label = "Entrée du journal"

    def page(
        self,
        page: PageParams,
        *,
        prospect_id: int | None,
        actor_id: int | None,
        action: str | None,
        since: datetime | None,
    ) -> tuple[Sequence[PrivacyAuditEntry], int]:
        """The access log the caller may read, filtered, the latest first."""
        stmt = self.readable_statement()
        if prospect_id is not None:
            stmt = stmt.where(PrivacyAuditEntry.prospect_id == prospect_id)
        if actor_id is not None:
            stmt = stmt.where(PrivacyAuditEntry.actor_id == actor_id)
        if action:
            stmt = stmt.where(PrivacyAuditEntry.action == action)
        if since:
            stmt = stmt.where(PrivacyAuditEntry.at >= since)
        stmt = stmt.order_by(PrivacyAuditEntry.at.desc(), PrivacyAuditEntry.id.desc())
        return paginate(self.session, stmt, page)
