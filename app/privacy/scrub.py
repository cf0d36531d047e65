"""After an erasure: no copy of the person may stay in the database files.

An ``UPDATE`` that wipes a person in a transaction is not the end of their data on disk:

- SQLite writes the new page images to the write-ahead log (``-wal``) and keeps the old ones
  there until a checkpoint copies the log back and the log is reused; a freed cell's bytes
  stay in its page unless ``secure_delete`` is on (set on every connection:
  ``app.core.db``). So, once the erasing transaction has committed, the log is checkpointed
  and truncated (``PRAGMA wal_checkpoint(TRUNCATE)``): the main file then holds only the
  wiped pages and the log is empty.
- PostgreSQL keeps the old row versions (dead tuples) in the heap and their entries in the
  indexes until ``VACUUM``, which cannot run inside a transaction: ``capvente jobs scrub``
  (run by the retention job after ``--apply``, and by the scheduler after erasures) vacuums
  the tables a wipe touches. What remains after it is written down in ``README.md``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from app.models import (
    Appointment,
    ConsentRecord,
    Contact,
    ImportFile,
    Interaction,
    PrivacyRequest,
    Prospect,
    ProspectStatusChange,
    Tour,
)

logger = logging.getLogger(__name__)

# Every table app.privacy.anonymise writes a person's data out of.
TOUCHED_TABLES: tuple[str, ...] = tuple(
    model.__tablename__
    for model in (
        Prospect, Contact, Interaction, Appointment, ConsentRecord, PrivacyRequest,
        ProspectStatusChange, ImportFile, Tour,
    )
)  # fmt: skip

_PENDING = "capvente_scrub_after_commit"


@dataclass(frozen=True)
class ScrubReport:
    backend: str
    complete: bool
    detail: str


def checkpoint_sqlite(engine: Engine) -> ScrubReport:
    """Copy the log into the main file and truncate it, outside any transaction.

    TRUNCATE waits (busy timeout) for readers of older snapshots to finish; if one is still
    reading then, SQLite answers ``busy`` and the log keeps its frames until the next
    checkpoint (the report says so, the job can be run again)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        busy, log_frames, checkpointed = cursor.execute(
            "PRAGMA wal_checkpoint(TRUNCATE)"
        ).fetchone()
        cursor.close()
    finally:
        raw.close()
    complete = busy == 0 and log_frames in (-1, checkpointed)  # -1: not in WAL mode
    detail = f"journal WAL vidé ({checkpointed} page(s) recopiée(s))"
    if not complete:
        detail = f"journal WAL occupé : {log_frames - checkpointed} page(s) restent à recopier"
        logger.warning("WAL checkpoint after an erasure was busy: %s", detail)
    return ScrubReport("sqlite", complete, detail)


def vacuum_postgresql(engine: Engine, *, full: bool = False) -> ScrubReport:
    """``VACUUM`` (or ``VACUUM FULL``) every table a wipe touches, in autocommit mode."""
    verb = "VACUUM FULL" if full else "VACUUM"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in TOUCHED_TABLES:
            conn.exec_driver_sql(f"{verb} {table}")
    return ScrubReport("postgresql", True, f"{verb} de {len(TOUCHED_TABLES)} table(s)")


def scrub(engine: Engine, *, full: bool = False) -> ScrubReport:
    """Remove the copies the database keeps of wiped rows (see the module's docstring)."""
    if engine.dialect.name == "sqlite":
        return checkpoint_sqlite(engine)
    return vacuum_postgresql(engine, full=full)


def after_commit(session: Session) -> None:
    """Once ``session`` commits, checkpoint SQLite's log (outside the erasing transaction).

    On PostgreSQL nothing runs in the request: ``VACUUM`` is the scrub job's. A session bound
    to a connection (joined to an outer transaction, as in the tests) does not really commit:
    the owner of the outer transaction decides, so nothing is scheduled."""
    bind = session.get_bind()
    if not isinstance(bind, Engine) or bind.dialect.name != "sqlite" or session.info.get(_PENDING):
        return
    session.info[_PENDING] = True

    def _committed(committed: Session) -> None:
        # after_commit fires for the outermost transaction only, once the database has
        # committed: the checkpoint sees the wiped pages.
        committed.info.pop(_PENDING, None)
        checkpoint_sqlite(bind)

    event.listen(session, "after_commit", _committed, once=True)
