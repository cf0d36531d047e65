"""Prospects' positions from their addresses: on every write, after imports, and as a job.

Two steps, so that no network call ever runs inside a write transaction (SQLite's write
lock is held by a writing request from its first statement):

1. In the writing transaction, in memory: ``locate`` (a record written through the ORM,
   called by ``prospects.service.refresh_derived``) and ``locate_rows`` (an import's new
   rows) place the address at its commune's centre with the offline geocoder. With the
   offline geocoder configured, that is final (``geocoded_at`` set); with an online one, it
   is provisional (``geocoded_at`` NULL).
2. After the commit, outside any transaction: ``geocode_pending`` asks the configured online
   geocoder for the records still pending (``geocoded_at`` NULL), a batch at a time with
   bounded concurrency, then writes each answer in a short transaction with a conditional
   UPDATE (the address must still be the one looked up, and the position not one the user
   gave). Run after a prospect's write (background task), after an import, and by
   ``capvente jobs geocode``.

Coordinates the user gave (typed, or in an imported file) are marked ``user`` and never
overwritten; nor are positions that existed before geocoding (migration 0010).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Engine, Table, and_, bindparam, false, or_, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import SQLITE_BEGIN_IMMEDIATE
from app.geocoding.providers import (
    AddressQuery,
    FallbackGeocoder,
    Geocoder,
    GeocodeResult,
    configured_provider,
    geocoder_from_settings,
    offline_geocoder,
)
from app.models import Prospect
from app.models.enums import GeocodeProvider

SessionFactory = Callable[[], Session]
PROSPECTS = cast(Table, Prospect.__table__)
ADDRESS_FIELDS = ("address", "postcode", "city")
GEOCODERS = frozenset(
    {GeocodeProvider.OFFLINE, GeocodeProvider.ADDOK, GeocodeProvider.OPENROUTESERVICE}
)
# Positions that follow their address (placed again when it changes): a geocoder's, and the
# demo's made-up ones (a real address typed over a seeded one gets a real position).
FOLLOW_ADDRESS = GEOCODERS | {GeocodeProvider.DEMO}
BATCH_SIZE = 200


def is_online(settings: Settings) -> bool:
    return configured_provider(settings) is not GeocodeProvider.OFFLINE


# ------------------------------------------------------------------ in the write transaction


def _history_changed(prospect: Prospect, name: str) -> bool:
    return bool(sa_inspect(prospect).attrs[name].history.has_changes())


def locate(prospect: Prospect, settings: Settings, now: datetime | None = None) -> None:
    """Keep a record's position in step with its address, in memory (offline geocoder).

    - Coordinates given with this write (a new record's, or changed ones) are the user's.
    - Coordinates the user gave before are kept, whatever the address becomes.
    - A geocoded position (or the demo's made-up one) follows the address: placed again
      when the address changes.
    - A record without a position is placed (unless the configured geocoder already looked
      its unchanged address up and found nothing).
    """
    if not isinstance(prospect, Prospect):  # the import's plain rows: see locate_rows
        return
    state = sa_inspect(prospect)
    new = state.transient or state.pending
    if prospect.anonymised_at is not None:
        _set(prospect, None, geocoded_at=None)
        return
    typed = prospect.latitude is not None and (
        new or _history_changed(prospect, "latitude") or _history_changed(prospect, "longitude")
    )
    if typed:
        _set_user(prospect)
        return
    address_changed = new or any(_history_changed(prospect, n) for n in ADDRESS_FIELDS)
    if prospect.latitude is not None:
        if prospect.geocode_provider not in FOLLOW_ADDRESS or not address_changed:
            return
    elif not address_changed and prospect.geocoded_at is not None:
        return  # looked up already, nothing found; the job's --retry asks again
    query = AddressQuery.of(prospect.address, prospect.postcode, prospect.city)
    result = offline_geocoder().geocode(query) if not query.empty else None
    final = not query.empty and not is_online(settings)
    _set(prospect, result, geocoded_at=(now or utcnow()) if final else None)


def _set_user(prospect: Any) -> None:
    prospect.geocode_provider = GeocodeProvider.USER
    prospect.geocode_precision = None
    prospect.geocoded_at = None


def _set(prospect: Any, result: GeocodeResult | None, *, geocoded_at: datetime | None) -> None:
    prospect.latitude = result.latitude if result else None
    prospect.longitude = result.longitude if result else None
    prospect.geocode_precision = result.precision if result else None
    prospect.geocode_provider = result.provider if result else None
    prospect.geocoded_at = geocoded_at


def locate_rows(rows: Iterable[dict[str, Any]], settings: Settings, now: datetime) -> None:
    """An import's new rows (column dicts, before their bulk insert): the same rules as
    ``locate`` for new records. Each distinct (postcode, city) is looked up once."""
    geocoder = offline_geocoder()
    final = not is_online(settings)
    seen: dict[tuple[str | None, str | None], GeocodeResult | None] = {}
    for row in rows:
        if row.get("latitude") is not None:
            _set_user_row(row)
            continue
        query = AddressQuery.of(row.get("address"), row.get("postcode"), row.get("city"))
        key = (query.postcode, query.city)
        if key not in seen:
            seen[key] = geocoder.geocode(query) if not query.empty else None
        result = seen[key]
        row["latitude"] = result.latitude if result else None
        row["longitude"] = result.longitude if result else None
        row["geocode_precision"] = result.precision if result else None
        row["geocode_provider"] = result.provider if result else None
        row["geocoded_at"] = now if final and not query.empty else None


def _set_user_row(row: dict[str, Any]) -> None:
    row["geocode_provider"] = GeocodeProvider.USER
    row["geocode_precision"] = None
    row["geocoded_at"] = None


# ------------------------------------------------------------------ after the commit


@dataclass
class GeocodeReport:
    """What one run of ``geocode_pending`` did."""

    provider: str
    examined: int = 0
    located: int = 0  # a position written (any precision)
    refined: int = 0  # of which by the configured online geocoder
    not_found: int = 0
    skipped: int = 0  # changed meanwhile (address edited, position typed): left alone
    service_errors: int = 0  # the online geocoder failed: offline fallback used
    last_error: str | None = None
    by_precision: dict[str, int] = field(default_factory=dict)


def pending_condition(settings: Settings, *, retry: bool = False) -> ColumnElement[bool]:
    """The records the configured geocoder has still to look up.

    Never looked up (``geocoded_at`` NULL) and without a position — or, with an online
    geocoder, with the offline provisional one. ``retry``: also those looked up before
    that ended with no position (or only the offline fallback's).
    """
    has_address = or_(
        Prospect.address.is_not(None), Prospect.postcode.is_not(None), Prospect.city.is_not(None)
    )
    unplaced: ColumnElement[bool] = Prospect.latitude.is_(None)
    if is_online(settings):
        unplaced = or_(unplaced, Prospect.geocode_provider == GeocodeProvider.OFFLINE)
    waiting = unplaced if retry else and_(Prospect.geocoded_at.is_(None), unplaced)
    return and_(Prospect.anonymised == false(), has_address, waiting)


def _write_session(factory: SessionFactory) -> Session:
    session = factory()
    bind = session.get_bind()
    if isinstance(bind, Engine) and bind.dialect.name == "sqlite":
        # Take the write lock at BEGIN (see app.core.db): this transaction only writes.
        session.connection(execution_options={SQLITE_BEGIN_IMMEDIATE: True})
    return session


def _lookup_all(
    geocoder: Geocoder, queries: Sequence[AddressQuery], concurrency: int
) -> list[GeocodeResult | None]:
    distinct = list(dict.fromkeys(queries))
    if geocoder.local or concurrency <= 1 or len(distinct) <= 1:
        answers = [geocoder.geocode(q) for q in distinct]
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            answers = list(pool.map(geocoder.geocode, distinct))
    found = dict(zip(distinct, answers, strict=True))
    return [found[q] for q in queries]


_UPDATE = (
    update(PROSPECTS)
    .where(
        PROSPECTS.c.id == bindparam("_id"),
        PROSPECTS.c.anonymised == false(),
        PROSPECTS.c.address.is_not_distinct_from(bindparam("_address")),
        PROSPECTS.c.postcode.is_not_distinct_from(bindparam("_postcode")),
        PROSPECTS.c.city.is_not_distinct_from(bindparam("_city")),
        or_(
            PROSPECTS.c.latitude.is_(None),
            PROSPECTS.c.geocode_provider == GeocodeProvider.OFFLINE.value,
        ),
    )
    .values(
        latitude=bindparam("_latitude"),
        longitude=bindparam("_longitude"),
        geocode_precision=bindparam("_precision"),
        geocode_provider=bindparam("_provider"),
        geocoded_at=bindparam("_at"),
    )
)


def geocode_pending(
    factory: SessionFactory,
    settings: Settings,
    *,
    owner_id: int | None = None,
    ids: Sequence[int] | None = None,
    retry: bool = False,
    limit: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[GeocodeReport], None] | None = None,
    geocoder: Geocoder | None = None,
) -> GeocodeReport:
    """Look up the pending records (of one owner, or these ids) with the configured
    geocoder and write the answers. Idempotent: a second run finds nothing to do.

    Reads a batch (short transaction), asks the geocoder outside any transaction
    (``geocode_concurrency`` requests at once for an online one), writes the batch (short
    transaction, conditional UPDATE: a record whose address changed or whose position was
    typed meanwhile is left alone). The record's version is not bumped: a position found
    for an address is not an edit, and a form open on the record stays valid.
    """
    geocoder = geocoder or geocoder_from_settings(settings)
    report = GeocodeReport(provider=str(configured_provider(settings)))
    condition = pending_condition(settings, retry=retry)
    if owner_id is not None:
        condition = and_(condition, Prospect.owner_id == owner_id)
    if ids is not None:
        if not ids:
            return report
        condition = and_(condition, Prospect.id.in_(list(ids)))
    last_id = 0
    while limit is None or report.examined < limit:
        size = batch_size if limit is None else min(batch_size, limit - report.examined)
        with factory() as session:
            rows = session.execute(
                select(Prospect.id, Prospect.address, Prospect.postcode, Prospect.city)
                .where(condition, Prospect.id > last_id)
                .order_by(Prospect.id)
                .limit(size)
            ).all()
        if not rows:
            break
        last_id = rows[-1].id
        queries = [AddressQuery.of(r.address, r.postcode, r.city) for r in rows]
        failures_before = geocoder.failures if isinstance(geocoder, FallbackGeocoder) else 0
        results = _lookup_all(geocoder, queries, settings.geocode_concurrency)
        if isinstance(geocoder, FallbackGeocoder):
            report.service_errors += geocoder.failures - failures_before
            report.last_error = geocoder.last_failure or report.last_error
        now = utcnow()
        params = [
            {
                "_id": row.id, "_address": row.address, "_postcode": row.postcode,
                "_city": row.city,
                "_latitude": result.latitude if result else None,
                "_longitude": result.longitude if result else None,
                "_precision": result.precision if result else None,
                "_provider": result.provider if result else None,
                "_at": now,
            }
            for row, result in zip(rows, results, strict=True)
        ]  # fmt: skip
        session = _write_session(factory)
        try:
            # One statement per record, for its row count: what changed meanwhile is
            # counted apart (a batch is a few hundred records, in one short transaction).
            written = [bool(session.connection().execute(_UPDATE, one).rowcount) for one in params]
            session.commit()
        finally:
            session.close()
        report.examined += len(rows)
        for result, done in zip(results, written, strict=True):
            if not done:
                report.skipped += 1
            elif result is None:
                report.not_found += 1
            else:
                report.located += 1
                if result.provider is not GeocodeProvider.OFFLINE:
                    report.refined += 1
                key = str(result.precision)
                report.by_precision[key] = report.by_precision.get(key, 0) + 1
        if progress is not None:
            progress(report)
    return report


def geocode_later(
    factory: SessionFactory,
    settings: Settings,
    *,
    ids: Sequence[int] = (),
    owner_id: int | None = None,
) -> None:
    """A background task after a write or an import: the configured online geocoder refines
    the records' provisional positions (nothing to do with the offline geocoder)."""
    if not is_online(settings):
        return
    if owner_id is None and not ids:
        return
    geocode_pending(factory, settings, owner_id=owner_id, ids=list(ids) if ids else None)
