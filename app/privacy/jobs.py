"""Scheduled privacy work, run by ``capvente jobs retention`` (idempotent, any worker)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import Organisation
from app.privacy import retention
from app.privacy.schemas import RetentionReport


def retention_all(
    session: Session, settings: Settings, *, apply: bool
) -> list[tuple[Organisation, RetentionReport]]:
    """The retention report of every organisation; anonymise only when ``apply``."""
    reports = []
    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)):
        reports.append(
            (
                organisation,
                retention.run(session, settings, organisation.id, dry_run=not apply),
            )
        )
    return reports
