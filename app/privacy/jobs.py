"""Scheduled privacy work, run by ``capvente jobs retention`` and ``capvente jobs scrub``
(idempotent, any worker)."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import Organisation
from app.privacy import retention, scrub
from app.privacy.schemas import RetentionReport
from app.privacy.scrub import ScrubReport


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


def scrub_files(engine: Engine, *, full: bool = False) -> ScrubReport:
    """``capvente jobs scrub``: outside any transaction, remove the copies the database keeps
    of wiped rows (SQLite: checkpoint and truncate the log; PostgreSQL: VACUUM the tables a
    wipe touches, VACUUM FULL with ``full``). Idempotent; run it after erasures (the
    retention job runs it after ``--apply``)."""
    return scrub.scrub(engine, full=full)
