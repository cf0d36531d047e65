"""The access log of personal data (RGPD art. 5 §2, accountability): who consulted, exported
or anonymised whose record. The prospect file writes it on every read of a record; the
privacy routes on exports and anonymisations; admins read it (``GET /privacy/access-log``).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.db import SQLITE_BEGIN_IMMEDIATE
from app.core.principal import Principal
from app.models import PrivacyAuditEntry

# Reads of one record by one person within this window are one consultation, logged once:
# the record page reads the record and its timeline (two requests), and the client reads
# them again when the tab regains focus.
CONSULTATION_WINDOW = timedelta(minutes=10)
READ_RECORD = "read_record"


def audit(
    session: Session,
    principal: Principal,
    action: str,
    *,
    prospect_id: int | None = None,
    contact_id: int | None = None,
    detail: str = "",
    own_transaction: bool = False,
) -> None:
    """Log an access to personal data (the detail in French: the access log shows it).

    ``own_transaction`` (reading routes): in a short transaction of its own, committed at
    once, so that the log holds every read even if the response then fails and a reading
    request never writes in its own transaction (on SQLite a transaction that read first
    cannot write after another request's commit). Otherwise the entry joins the caller's
    writing transaction. A consultation (``read_record``) already logged for the same
    person, record and contact within ``CONSULTATION_WINDOW`` is not logged again."""
    entry = PrivacyAuditEntry(
        organisation_id=principal.organisation_id,
        actor_id=principal.user_id,
        action=action,
        prospect_id=prospect_id,
        contact_id=contact_id,
        detail=detail[:300],
    )
    if not own_transaction:
        session.add(entry)
        return
    with Session(bind=session.get_bind()) as own:
        if action == READ_RECORD and _consulted_lately(own, entry):
            return
        own.add(entry)
        own.commit()


def _consulted_lately(own: Session, entry: PrivacyAuditEntry) -> bool:
    """Whether the same consultation is already logged within the window. Two reads at once
    (the record and its timeline) must not both miss the other: SQLite takes the write lock
    at BEGIN (one at a time), PostgreSQL a transaction-scoped advisory lock on the reader
    and the record."""
    bind = own.get_bind()
    if bind.dialect.name == "sqlite":
        own.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})
    else:
        key = ((entry.actor_id or 0) << 32) | ((entry.prospect_id or 0) & 0xFFFFFFFF)
        own.execute(select(func.pg_advisory_xact_lock(key)))
    contact = (
        PrivacyAuditEntry.contact_id.is_(None)
        if entry.contact_id is None
        else PrivacyAuditEntry.contact_id == entry.contact_id
    )
    prospect = (
        PrivacyAuditEntry.prospect_id.is_(None)
        if entry.prospect_id is None
        else PrivacyAuditEntry.prospect_id == entry.prospect_id
    )
    recent = own.scalar(
        select(PrivacyAuditEntry.id)
        .where(
            PrivacyAuditEntry.actor_id == entry.actor_id,
            PrivacyAuditEntry.action == entry.action,
            prospect,
            contact,
            PrivacyAuditEntry.at >= utcnow() - CONSULTATION_WINDOW,
        )
        .limit(1)
    )
    return recent is not None
