"""Queries of the consent history."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.repository import ScopedRepository
from app.models import ConsentRecord


class ConsentRepository(ScopedRepository[ConsentRecord]):
    model = ConsentRecord
    label = "Consentement"

    def history(self, prospect_id: int, contact_id: int | None) -> Sequence[ConsentRecord]:
        """One person's consent events the caller may read, the latest first: the prospect
        itself (``contact_id`` None: an individual) or one of its contacts."""
        person = (
            ConsentRecord.contact_id.is_(None)
            if contact_id is None
            else ConsentRecord.contact_id == contact_id
        )
        return self.session.scalars(
            self.readable_statement()
            .where(ConsentRecord.prospect_id == prospect_id)
            .where(person)
            .order_by(ConsentRecord.given_at.desc(), ConsentRecord.id.desc())
        ).all()
