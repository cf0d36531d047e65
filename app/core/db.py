"""Engine, session factory and the request-scoped session that owns the transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
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
    return create_engine(url, echo=echo, pool_pre_ping=True)


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
_WRITE_LOCK = "capvente_write_lock"


def work_first(request: Request) -> None:
    """Route dependency of a writing route that computes for long before it writes
    (planning a tour: seconds of search): ``dependencies=[Depends(work_first)]``.

    Its session reads without SQLite's write lock, so other users' writes go on meanwhile;
    the service calls :func:`start_writing` once the work is done, before its first write.
    A route that writes nothing (a plan only looked at) never takes the lock at all. Route
    dependencies are resolved before the parameters', so the flag is set before the session
    is made."""
    setattr(request.state, _WORK_FIRST, True)


def _is_sqlite(session: Session) -> bool:
    bind = session.get_bind()
    return isinstance(bind, Engine) and bind.dialect.name == "sqlite"


def start_writing(session: Session) -> None:
    """Take SQLite's write lock for the writes that follow the long work of a
    :func:`work_first` route: the read-only transaction so far ends (nothing was written:
    a write before this call is a bug) and BEGIN IMMEDIATE starts the writing one. Nothing
    to do on PostgreSQL, nor when the session already holds the lock."""
    if not session.info.get(_WORK_FIRST) or not _is_sqlite(session):
        return  # outside a work-first request (the seed, a job): the caller's transaction
    if session.info.get(_WRITE_LOCK):
        return
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("start_writing() must come before the request's first write")
    session.commit()  # a read-only transaction: ends the snapshot, writes nothing
    session.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})
    session.info[_WRITE_LOCK] = True


def begin_writing(session: Session) -> None:
    """Start the session's transaction the way a writing request does: on SQLite, with
    BEGIN IMMEDIATE (it takes the write lock, waiting its turn). A no-op on other databases
    or when the transaction has already begun on its connection (too late to choose)."""
    if not _is_sqlite(session):
        return
    transaction = session.get_transaction()
    if transaction is not None and getattr(transaction, "_connections", None):
        return
    session.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})


def release_write_lock(session: Session) -> None:
    """Commit what a writing request has done so far (authentication's bookkeeping) and end
    its transaction, so that long work that follows — parsing an upload — does not hold
    SQLite's write lock (every other writer would wait, then fail with "database is
    locked"). Call ``begin_writing`` before writing again. The request's evidence hook
    still sees every flush of the session (its change log lives in ``session.info``)."""
    session.commit()


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: commit when the endpoint succeeds, roll back otherwise.

    Declared with ``scope="function"`` so the commit happens before the response is sent:
    a failed commit becomes an error response instead of a lost write. On SQLite a writing
    request takes the write lock at once (BEGIN IMMEDIATE), unless its route works first
    (:func:`work_first`).
    """
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    if getattr(request.state, _WORK_FIRST, False):
        session.info[_WORK_FIRST] = True
    if (
        request.method in WRITE_METHODS
        and not getattr(request.state, _WORK_FIRST, False)
        and _is_sqlite(session)
    ):
        session.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})
        session.info[_WRITE_LOCK] = True
    try:
        yield session
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
