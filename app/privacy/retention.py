"""Retention: prospects past the retention period are listed, then (not in dry-run) anonymised.

Reference date (CNIL): the later of collection and the last contact initiated by the
prospect; for a former customer, the later of the end of the relationship and that contact.
Current customers are kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.models import Prospect, ProspectStatus, User
from app.privacy.anonymise import anonymise_prospect
from app.privacy.schemas import RetentionCandidate, RetentionReport
from app.prospects.search import purge_erased


def _later(a: Any, b: Any) -> ColumnElement[datetime]:
    """The later of two nullable datetimes (GREATEST ignoring NULL, on both backends)."""
    return case((b.is_(None), a), (a.is_(None), b), (a >= b, a), else_=b)


def reference_date() -> ColumnElement[datetime]:
    return case(
        (
            Prospect.relationship_ended_at.is_not(None),
            _later(Prospect.relationship_ended_at, Prospect.last_inbound_contact_at),
        ),
        else_=_later(Prospect.created_at, Prospect.last_inbound_contact_at),
    )


def cutoff(settings: Settings, now: datetime) -> datetime:
    year = now.year - settings.retention_years
    day = min(now.day, 28) if now.month == 2 else now.day  # 29 February has no twin
    return now.replace(year=year, day=day)


def run(
    session: Session,
    settings: Settings,
    organisation_id: int,
    *,
    dry_run: bool = True,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> RetentionReport:
    """List (and unless ``dry_run`` anonymise) the organisation's expired prospects."""
    now = now or utcnow()
    limit = cutoff(settings, now)
    ref = reference_date()
    rows = session.execute(
        select(Prospect, ref.label("reference_date"))
        .join(User, User.id == Prospect.owner_id)
        .where(
            User.organisation_id == organisation_id,
            Prospect.anonymised_at.is_(None),
            Prospect.status != ProspectStatus.CUSTOMER,
            ref < limit,
        )
        .order_by(ref, Prospect.id)
    ).all()
    candidates = []
    for prospect, reference in rows:
        candidates.append(
            RetentionCandidate(
                prospect_id=prospect.id,
                owner_id=prospect.owner_id,
                status=prospect.status.value,
                reference_date=reference,
                expired_since_days=(limit - reference).days,
            )
        )
        if not dry_run:
            anonymise_prospect(
                session, prospect, actor_id=actor_id, organisation_id=organisation_id,
                reason=f"Durée de conservation ({settings.retention_years} ans) dépassée",
            )  # fmt: skip
    if candidates and not dry_run:
        purge_erased(session)  # once for the whole run
    return RetentionReport(
        dry_run=dry_run,
        retention_years=settings.retention_years,
        cutoff=limit,
        candidates=candidates,
        anonymised=0 if dry_run else len(candidates),
    )
