"""The revision of a trainee's prospect file.

``prospect_files.revision`` is kept by database triggers (migration 0004): every statement
that inserts, updates or deletes prospects adds one to their owner's revision, whoever runs it
(the API, the import, the retention job, a script; bulk loads pause them and add one at the
end: app.prospects.imports.loading). What is derived from a whole file — the
stored persona scores, an import's dry-run decisions — records the revision it was derived
from and is current while the revision has not moved: one primary-key read instead of a pass
over the file.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import ProspectFile


def revision_of(session: Session, owner_id: int) -> int:
    """The revision of ``owner_id``'s file (0: never written)."""
    found = session.scalar(select(ProspectFile.revision).where(ProspectFile.owner_id == owner_id))
    return found or 0


def bump(session: Session, owner_id: int) -> None:
    """Add one to the revision of ``owner_id``'s file (what the triggers do per statement)."""
    session.execute(
        text(
            "INSERT INTO prospect_files (owner_id, revision) VALUES (:owner, 1) "
            "ON CONFLICT (owner_id) DO UPDATE SET revision = prospect_files.revision + 1"
        ),
        {"owner": owner_id},
    )
