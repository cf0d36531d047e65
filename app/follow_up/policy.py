"""What the follow-up reads from the business case: the policy of the version a record was
made under (never a copy), today's date in the centre's zone, and lateness in days."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import CommercialPolicy
from app.config import today_local
from app.models import BusinessCaseVersion


def policy_of(session: Session, version_id: int) -> CommercialPolicy:
    version = session.get(BusinessCaseVersion, version_id)
    assert version is not None  # a RESTRICT foreign key keeps it
    return cases.document_of(version).policy


def today() -> date:
    return today_local()


def late_days(due_on: date, done_on: date | None, on: date) -> int:
    """Days past ``due_on``: until it was done, or until ``on`` while it is not."""
    end = done_on if done_on is not None else on
    return max(0, (end - due_on).days)
