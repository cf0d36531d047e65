"""Bulk loads of prospects (the import's commit): the per-row work of triggers and indexes is
done once for the whole load instead.

- ``bulk_loading`` (every batch): the search and revision triggers are paused, the batch's
  rows are indexed for the text search in one statement and the file's revision moves once.
- ``deferred_indexes`` (the whole commit, SQLite only, loads at least as large as the table):
  the prospect indexes are dropped and built again after the load. Building an index sorts
  its rows once; keeping nine indexes up to date row by row cost four fifths of inserting a
  prospect (100,000 rows: ~4 s of ~5 s). Both run inside the caller's transaction (SQLite's
  DDL is transactional): other connections keep reading the indexes of the last committed
  state, and a failure rolls the indexes back with the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.models import Prospect
from app.prospects.revisions import bump
from app.prospects.search import index_ranges

# Below this many new rows, rebuilding indexes is not worth a schema change.
DEFERRED_INDEXES_MIN_ROWS = 10_000


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


@contextmanager
def deferred_indexes(session: Session, new_rows: int) -> Iterator[bool]:
    """Around a load of about ``new_rows`` prospects, in the caller's transaction: on SQLite,
    when the load is at least ``DEFERRED_INDEXES_MIN_ROWS`` rows and at least as large as the
    table already is, the non-unique indexes of ``prospects`` are dropped and created again
    (from their own ``CREATE INDEX`` text) at the end. Yields whether it did."""
    if session.get_bind().dialect.name != "sqlite" or new_rows < DEFERRED_INDEXES_MIN_ROWS:
        yield False
        return
    if new_rows < (session.scalar(select(func.count()).select_from(Prospect)) or 0):
        yield False
        return
    indexes = session.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'prospects' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        )
    ).all()
    for name, _ in indexes:
        session.execute(text(f'DROP INDEX "{name}"'))
    yield True
    for _, sql in indexes:
        session.execute(text(sql))
