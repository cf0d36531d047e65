"""The revision of a trainee's prospect file, and bulk loads that keep it (and the search
index) true at a fraction of the per-row cost.

``prospect_files.revision`` is kept by database triggers (migration 0004): every statement
that inserts, updates or deletes prospects adds one to their owner's revision, whoever runs it
(the API, the import, the retention job, a script). What is derived from a whole file — the
stored persona scores, an import's dry-run decisions — records the revision it was derived
from and is current while the revision has not moved: one primary-key read instead of a pass
over the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import ProspectFile
from app.prospects.search import index_ranges


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


@contextmanager
def bulk_loading(session: Session, owner_id: int) -> Iterator[list[tuple[int, int]]]:
    """Around a bulk insert of ``owner_id``'s prospects, inside the caller's transaction.

    The per-row triggers are paused (on SQLite the FTS5 insert trigger costs a statement per
    row, which halved the import's throughput; the revision triggers cost one more), then, at
    the end, the id ranges the caller appended to the yielded list are indexed in one statement
    each and the revision moves once. Other connections never see the triggers paused (SQLite
    lets one writer in; PostgreSQL's setting is local to the transaction) nor a row unindexed.
    """
    ranges: list[tuple[int, int]] = []
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        session.execute(text("UPDATE prospects_search_sync SET paused = 1"))
    else:
        session.execute(text("SELECT set_config('capvente.bulk_load', 'on', true)"))
    yield ranges
    if sqlite:
        index_ranges(session, ranges)
        session.execute(text("UPDATE prospects_search_sync SET paused = 0"))
    else:
        session.execute(text("SELECT set_config('capvente.bulk_load', 'off', true)"))
    bump(session, owner_id)
