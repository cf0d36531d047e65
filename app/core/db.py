"""Engine, session factory and the request-scoped session that owns the transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_CACHE_KIB = 64 * 1024
SQLITE_BEGIN_IMMEDIATE = "capvente_sqlite_begin_immediate"
# The methods that write: the token scope check, the evidence hook and SQLite's BEGIN
# IMMEDIATE all decide on them.
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _prepare_sqlite(engine: Engine) -> None:
    """Make pysqlite transactional the way SQLAlchemy expects (savepoints, FKs, WAL)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself, so SAVEPOINT and rollback behave as on PostgreSQL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        # A deleted or rewritten row's bytes are overwritten with zeros instead of lingering
        # in the page's free space: an erasure leaves no trace in the file (app.privacy.scrub).
        cursor.execute("PRAGMA secure_delete=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        # Page cache per connection (default 2 MiB): a list over a 100,000-record file reads
        # its indexes from memory instead of asking the OS for every page again.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writing request starts with BEGIN IMMEDIATE (see get_session): in WAL mode a
        # transaction that read first cannot write after another connection's commit
        # ("database is locked" at once), while one that takes the write lock at BEGIN
        # waits its turn (busy timeout).
        immediate = conn.get_execution_options().get(SQLITE_BEGIN_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        _note_begin(conn, immediate=immediate)


# How long a client should wait before trying again a write the database refused for a lock.
LOCK_RETRY_AFTER_SECONDS = 5
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_PG_LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout, NOWAIT


def is_lock_timeout(exc: OperationalError) -> bool:
    """Whether the database refused a statement for a lock it could not get in time:
    SQLite's "database is locked" (busy timeout over, or a read transaction that could no
    longer write), PostgreSQL's lock_not_available. Another try may well succeed."""
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    if getattr(orig, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE:
        return True
    return "database is locked" in str(orig)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; SQLite gets its directory created and pragmas set."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        if sa_url.database and sa_url.database != ":memory:":
            Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": 10}
        )
        _prepare_sqlite(engine)
        return engine
    # Sessions on UTC: psycopg then gives every timestamptz with ``datetime.UTC`` itself,
    # which ``UtcDateTime`` passes through untouched (no conversion per value). Days and
    # periods are computed by the application in its own zone, never by the server's.
    # No JIT: it compiles any query its cost estimate finds large (a metric's correlated
    # subquery over a cohort's year) for longer than the query runs (54 ms instead of 22).
    return create_engine(
        url, echo=echo, pool_pre_ping=True,
        connect_args={"options": "-c timezone=UTC -c jit=off"},
    )  # fmt: skip


def refresh_statistics(session: Session) -> None:
    """After a bulk load: SQLite gathers the planner's statistics only when asked (ANALYZE,
    ~0.3 s for 100,000 prospects); PostgreSQL's autovacuum does it by itself. Without them
    SQLite believes an owner's file holds a handful of rows and walks whole indexes for a
    text search that matches nine."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("ANALYZE"))
        session.commit()


def make_session_factory(bind: Any, **kwargs: Any) -> sessionmaker[Session]:
    return sessionmaker(bind=bind, expire_on_commit=False, autoflush=False, **kwargs)


_WORK_FIRST = "capvente_work_first"
# Kept in the SQLite connection's info by each BEGIN: whether this transaction holds the
# write lock, and the connection's change count when it began (nothing written since?).
_LOCKED = "capvente_write_locked"
_CHANGES_AT_BEGIN = "capvente_changes_at_begin"


def _changes(conn: Connection) -> int:
    """Rows the SQLite connection has inserted, updated or deleted since it opened."""
    changes: int = getattr(conn.connection.dbapi_connection, "total_changes")  # noqa: B009
    return changes


def _note_begin(conn: Connection, *, immediate: bool) -> None:
    conn.info[_LOCKED] = immediate
    conn.info[_CHANGES_AT_BEGIN] = _changes(conn)


def work_first(request: Request) -> None:
    """Route dependency of a writing route that works for long before it writes (planning a
    tour: seconds of search; reading an uploaded file): ``dependencies=[Depends(work_first)]``.

    This is the one way a request avoids holding SQLite's write lock during long work. Its
    session reads without the lock (a plain BEGIN), so other users' writes go on meanwhile;
    the code calls :func:`start_writing` once the work is done, before its first write. A
    request that writes nothing (a plan only looked at) never takes the lock at all.
    Authentication's bookkeeping (an API token's last use) stays pending in the session
    until then and is written with the rest (or, if the request writes nothing else, under
    the lock taken at its end by :func:`get_session`). Route dependencies are resolved
    before the parameters', so the flag is set before the session is made."""
    setattr(request.state, _WORK_FIRST, True)


def read_first(session: Session) -> None:
    """A job's session that reads for long before it writes (the loyalty job's analytics):
    as :func:`work_first` does for a request, its reads take no write lock, and
    :func:`start_writing` ends the read transaction and waits for the lock before the first
    write."""
    session.info[_WORK_FIRST] = True


def _is_sqlite(session: Session) -> bool:
    bind = session.get_bind()
    return isinstance(bind, Engine) and bind.dialect.name == "sqlite"


def _begun_connection(session: Session) -> Connection | None:
    """The connection the session's transaction has begun on, if it has begun yet."""
    transaction = session.get_transaction()
    connections = getattr(transaction, "_connections", None) if transaction else None
    if not connections:
        return None
    conn: Connection = next(iter(connections.values()))[0]
    return conn


def start_writing(session: Session) -> None:
    """The session writes from here on: on SQLite, make sure its transaction holds the
    write lock, so that its writes wait their turn (busy timeout) instead of failing with
    "database is locked" once another connection has committed. Nothing to do on
    PostgreSQL. The one helper for it, whoever owns the session:

    - a session whose transaction has not begun yet (a job's or a background task's own
      session) begins it with BEGIN IMMEDIATE;
    - a :func:`work_first` request's session, which has only read so far, ends that read
      transaction (nothing was written: a flushed write before this call is a bug) and
      begins with BEGIN IMMEDIATE; changes still pending in the session (authentication's
      bookkeeping) are kept and flushed later, under the lock;
    - otherwise nothing changes: a writing request took the lock at BEGIN (:func:`get_session`),
      and a caller that began its own transaction (the seed, a job planning a tour) keeps it.
    """
    if not _is_sqlite(session):
        return
    conn = _begun_connection(session)
    if conn is None:
        session.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})
        return
    if conn.info.get(_LOCKED) or not session.info.get(_WORK_FIRST):
        return
    if _changes(conn) != conn.info.get(_CHANGES_AT_BEGIN):
        raise RuntimeError("start_writing() must come before the request's first write")
    if session.get_nested_transaction() is not None:
        raise RuntimeError("start_writing() cannot end a read transaction inside a savepoint")
    # The session's transaction goes on, on a new SQLite transaction: the read one ends
    # (no flush: pending changes stay pending) and the writing one waits for the lock.
    conn.exec_driver_sql("COMMIT")
    conn.exec_driver_sql("BEGIN IMMEDIATE")
    _note_begin(conn, immediate=True)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: commit when the endpoint succeeds, roll back otherwise.

    Declared with ``scope="function"`` so the commit happens before the response is sent:
    a failed commit becomes an error response instead of a lost write. On SQLite a writing
    request takes the write lock at once (BEGIN IMMEDIATE, :func:`start_writing`), unless its
    route works first (:func:`work_first`).
    """
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    work_first_request = getattr(request.state, _WORK_FIRST, False)
    if work_first_request:
        session.info[_WORK_FIRST] = True
    elif request.method in WRITE_METHODS:
        start_writing(session)
    try:
        yield session
        if session.new or session.dirty or session.deleted:
            # A work-first request with pending writes it did not lock for (authentication's
            # bookkeeping): take the lock now, outside the long work. A no-op otherwise.
            start_writing(session)
        # Hooks see the finished unit of work (e.g. the evidence journal) and join it.
        for hook in request.app.state.before_commit_hooks:
            hook(session, request)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_session, scope="function")]
