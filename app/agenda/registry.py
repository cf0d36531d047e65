"""The agenda's registries: item providers and the kinds of record a task may link to.

``app.agenda`` imports no domain (the import contract puts it below them): each domain
registers, in its own ``agenda.py``, a **provider** (a function returning its records of a
period as :class:`AgendaItem`) and the **link kinds** a task may point to, and
``app.providers`` imports those modules once for the API and the command line.

A provider is called with owner ids the caller has already checked (the API's reader of
one trainee's agenda, the feed's owner): it reads those owners' records with **one query**
and does no scoping of its own. A period may hold thousands of items (the target: 5,000 in
50 ms over HTTP), so providers select only the columns they show, run the query on the
session's connection (``rows``: fetched at once, no ORM loading) and unpack
rows by position. ``start`` and ``end`` are aware datetimes at local midnight
(``Settings.timezone``) bounding the period ``[start, end)``: a timed item is in the period
when it intersects it; an all-day item when its days meet ``start.date()`` …
``end.date() - 1 day``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Annotated, Any

import msgspec
from msgspec import Meta
from sqlalchemy import Executable
from sqlalchemy.orm import Session

from app.core.errors import FieldError
from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.models import TaskLinkKind

#: How many of an item's double bookings it names (it is flagged whatever their number).
MAX_CONFLICT_REFS = 20


class AgendaLink(msgspec.Struct, gc=False, omit_defaults=True):
    """The record an item is about: its kind, id and the web client's page for it."""

    kind: str
    id: int
    href: str | None = None


# A msgspec Struct (``app.core.structs``): a period holds thousands of items, built in C from
# positional arguments (``timed_item``, ``all_day_item``), encoded in one pass and left out
# of the cyclic collector's work (``gc=False``: an item holds no cycle). Fields without a
# value (``day``, ``link``, ``place``…) are left out of the JSON.
class AgendaItem(msgspec.Struct, gc=False, omit_defaults=True):
    """One entry of the timeline.

    Timed items have ``start`` < ``end`` (an appointment) or ``start`` == ``end`` (a task due
    at a moment). All-day items have ``all_day`` true, ``day`` and ``last_day`` (inclusive),
    and ``start``/``end`` at the local midnights around those days, so that every item sorts
    on ``start``. ``books`` says the item takes its owner's time: two booking items of one
    owner that intersect are a double booking (``conflicts`` names the others' ``ref``)."""

    ref: Annotated[
        str, Meta(description="Référence stable de l'élément (« appointment:12 »), unique.")
    ]
    kind: Annotated[
        str, Meta(description="appointment, tour_day, next_contact, task, plan_action…")
    ]
    title: str
    owner_id: int
    start: Annotated[datetime, Meta(tz=True, description="Début (UTC).")]
    end: Annotated[
        datetime, Meta(tz=True, description="Fin (UTC) ; égale au début : une échéance.")
    ]
    all_day: bool
    details: Annotated[
        dict[str, Any],
        Meta(
            description="Ce que la source précise (statut, km, visites…).",
            extra_json_schema={"additionalProperties": True},
        ),
    ]
    books: Annotated[
        bool, Meta(description="Occupe le temps du stagiaire (peut faire double réservation).")
    ]
    conflict: Annotated[bool, Meta(description="En double réservation.")]
    conflicts: Annotated[
        tuple[str, ...],
        Meta(
            description="Références des éléments en double réservation avec lui (les "
            f"{MAX_CONFLICT_REFS} premiers)."
        ),
    ]
    day: Annotated[date | None, Meta(description="Élément sur la journée : son premier jour.")] = (
        None
    )
    last_day: Annotated[
        date | None, Meta(description="Élément sur la journée : son dernier jour (inclus).")
    ] = None
    link: AgendaLink | None = None
    place: str | None = None


def timed_item(
    ref: str,
    kind: str,
    title: str,
    owner_id: int,
    start: datetime,
    end: datetime,
    link: AgendaLink | None,
    details: dict[str, Any],
    place: str | None = None,
    books: bool = False,
) -> AgendaItem:
    """A timed item (providers make thousands: positional arguments)."""
    return AgendaItem(ref, kind, title, owner_id, start, end, False, details, books, False, (),
                      None, None, link, place)  # fmt: skip


def all_day_item(
    ref: str,
    kind: str,
    title: str,
    owner_id: int,
    day: date,
    bounds: tuple[datetime, datetime],
    link: AgendaLink | None,
    details: dict[str, Any],
    books: bool = False,
    last_day: date | None = None,
) -> AgendaItem:
    """An all-day item of ``day`` … ``last_day`` (default: that day alone); ``bounds``: the
    local midnights around those days (``local_days`` for one day, ``all_day_bounds``)."""
    return AgendaItem(ref, kind, title, owner_id, bounds[0], bounds[1], True, details, books,
                      False, (), day, last_day or day, link)  # fmt: skip


def all_day_bounds(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The local midnights around the days ``first`` … ``last`` (inclusive), in UTC."""
    start = datetime.combine(first, time(), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), zone).astimezone(UTC)
    return start, end


class LocalDays:
    """``all_day_bounds`` of one-day items, computed once per day (a provider's thousands of
    items fall on the period's few dozen days)."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._bounds: dict[date, tuple[datetime, datetime]] = {}

    def __call__(self, day: date) -> tuple[datetime, datetime]:
        found = self._bounds.get(day)
        if found is None:
            found = self._bounds[day] = all_day_bounds(day, day, self.zone)
        return found


def period_days(start: datetime, end: datetime) -> tuple[date, date]:
    """The days of a provider's period: the first, and the one after the last."""
    return start.date(), end.date()


def local_days(start: datetime) -> LocalDays:
    """The day bounds of a provider's period (its ``start`` carries the local zone)."""
    if start.tzinfo is None:
        raise ValueError("an agenda period is aware, in the local zone")
    return LocalDays(start.tzinfo)


def rows(session: Session, statement: Executable) -> Sequence[Any]:
    """A provider's query: its rows fetched at once on the session's connection (no ORM
    loading; ``all()`` converts them in one pass where iterating fetches row by row)."""
    return session.connection().execute(statement).all()


Provider = Callable[[Session, Sequence[int], datetime, datetime], list[AgendaItem]]
Describe = Callable[[AgendaItem], str]
_PROVIDERS: dict[str, Provider] = {}
_LABELS: dict[str, str] = {}
_DESCRIBE: dict[str, Describe] = {}


def register_provider(
    kind: str, provider: Provider, *, label: str | None = None, describe: Describe | None = None
) -> Provider:
    """Add a domain's items to the agenda (at the import of its ``agenda.py``). ``label``
    names the kind in French (the calendar feed's categories), ``describe`` writes an item's
    line of French for the feed's DESCRIPTION (from its title and details: only the feed
    pays for it). A kind is registered once; registering the same function again (a module
    imported twice) is harmless."""
    known = _PROVIDERS.get(kind)
    if known is not None and known is not provider:
        raise ValueError(f"agenda provider {kind!r} is already registered")
    _PROVIDERS[kind] = provider
    _LABELS[kind] = label or kind
    if describe is not None:
        _DESCRIBE[kind] = describe
    return provider


def providers() -> dict[str, Provider]:
    """The registered providers, by kind (a copy)."""
    return dict(_PROVIDERS)


def kind_label(kind: str) -> str:
    return _LABELS.get(kind, kind)


def describe(item: AgendaItem) -> str:
    """The item's line of French (empty when its provider gives none)."""
    found = _DESCRIBE.get(item.kind)
    return found(item) if found else ""


def collect(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    """Every provider's items of the period, in no particular order."""
    items: list[AgendaItem] = []
    for provider in _PROVIDERS.values():
        items.extend(provider(session, owner_ids, start, end))
    return items


# ----------------------------------------------------------------- task links

LinkCheck = Callable[[Session, Principal, int, str], None]


@dataclass(frozen=True)
class LinkKind:
    """A kind of record a task may point to: how to check the caller's right to link to a
    record of it (422 naming the field otherwise, like ``ScopedRepository.get_referenced``)
    and the web client's page of such a record (``{id}`` replaced)."""

    kind: TaskLinkKind
    href: str
    check: LinkCheck


_LINKS: dict[TaskLinkKind, LinkKind] = {}


def register_link_kind(kind: TaskLinkKind, href: str, check: LinkCheck) -> None:
    """Let tasks point to records of ``kind`` (at the import of the domain's ``agenda.py``):
    ``href`` is the web client's page of such a record (``{id}`` replaced), ``check`` raises
    a 422 naming the field unless the caller may link to the record. One domain per kind."""
    known = _LINKS.get(kind)
    if known is not None and known.href != href:
        raise ValueError(f"task link kind {kind.value!r} is already registered")
    _LINKS[kind] = LinkKind(kind, href, check)


def own_record(repository: type[ScopedRepository[Any]]) -> LinkCheck:
    """The usual check: a record of the caller's own (``ScopedRepository.get_referenced``:
    422 naming the field, whether the record is somebody else's or does not exist)."""

    def check(session: Session, principal: Principal, record_id: int, field: str) -> None:
        repository(session, principal).get_referenced(record_id, field)

    return check


def link_kinds() -> Iterable[TaskLinkKind]:
    return tuple(_LINKS)


def check_link(session: Session, principal: Principal, kind: TaskLinkKind, link_id: int) -> None:
    """422 on ``link_kind`` when no domain serves that kind yet, on ``link_id`` when the
    record is not one the caller may link to."""
    spec = _LINKS.get(kind)
    if spec is None:
        served = ", ".join(sorted(k.value for k in _LINKS)) or "aucun"
        raise FieldError(
            "link_kind", f"Lien vers « {kind.value} » pas encore disponible (liens possibles : "
            f"{served})."
        )  # fmt: skip
    spec.check(session, principal, link_id, "link_id")


def href_template(kind: TaskLinkKind | str) -> str | None:
    """The web client's page of a record of ``kind`` (``{id}`` to replace), if served."""
    spec = _LINKS.get(TaskLinkKind(kind))
    return spec.href if spec else None


def linker(kind: TaskLinkKind | str) -> Callable[[int], AgendaLink]:
    """Links to records of ``kind``, with their page when a domain serves the kind: the
    template is split once, so that a provider's thousands of links cost a concatenation."""
    name = str(kind)
    template = href_template(kind)
    if template is None:
        return lambda record_id: AgendaLink(name, record_id, None)
    before, _, after = template.partition("{id}")
    return lambda record_id: AgendaLink(name, record_id, f"{before}{record_id}{after}")


def link(kind: TaskLinkKind | str | None, link_id: int | None) -> AgendaLink | None:
    """The link of a stored (kind, id), with its page when a domain serves the kind."""
    if kind is None or link_id is None:
        return None
    return linker(kind)(link_id)
