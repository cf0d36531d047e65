"""The agenda: one person's timeline over a period, from every registered provider, sorted
by start, with double bookings flagged (``conflicts.py``)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from operator import attrgetter
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.conflicts import flag_double_bookings
from app.agenda.registry import AgendaItem
from app.agenda.schemas import AgendaOut
from app.auth.deps import check_readable_person
from app.common.clock import utcnow
from app.core.errors import FieldError
from app.core.principal import Principal

#: The longest period the agenda answers at once (a quarter).
MAX_SPAN_DAYS = 92
#: Without ``to``: a week from ``from``.
DEFAULT_SPAN_DAYS = 7


def local_period(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The local midnights around the days ``first`` … ``last``: the providers' bounds
    (aware in the local zone, so that ``start.date()`` is the first local day)."""
    start = datetime.combine(first, time(), zone)
    end = datetime.combine(last + timedelta(days=1), time(), zone)
    return start, end


#: By start, then the shortest first, then by reference (an all-day item starts at the local
#: midnight: before the day's timed items).
sort_key = attrgetter("start", "end", "ref")


def timeline(
    session: Session, owner_ids: list[int], start: datetime, end: datetime
) -> tuple[list[AgendaItem], int]:
    """The owners' items of ``[start, end)`` (owner ids the caller checked), sorted, with
    their double bookings flagged; and how many items are flagged."""
    items = registry.collect(session, owner_ids, start, end)
    items.sort(key=sort_key)
    flagged = flag_double_bookings(items, ordered=True)
    return items, flagged


def check_span(first: date, last: date | None) -> date:
    """The last day of the period asked for (422 naming ``to`` when it cannot be)."""
    if last is None:
        return first + timedelta(days=DEFAULT_SPAN_DAYS - 1)
    if last < first:
        raise FieldError("to", "La fin de la période précède son début.", location="query")
    if (last - first).days + 1 > MAX_SPAN_DAYS:
        raise FieldError(
            "to",
            f"Période trop longue : {MAX_SPAN_DAYS} jours au plus à la fois.",
            location="query",
        )
    return last


def read_agenda(
    session: Session,
    principal: Principal,
    zone: ZoneInfo,
    first: date | None,
    last: date | None,
    trainee_id: int | None,
) -> AgendaOut:
    """The agenda of the caller, or of ``trainee_id`` when the caller may read their records
    (the rule of ``owner_id`` on the lists: 422 naming the parameter otherwise). Without
    ``first``: from today; without ``last``: a week."""
    first = first or utcnow().astimezone(zone).date()
    last = check_span(first, last)
    owner = principal.user_id
    if trainee_id is not None:
        check_readable_person(session, principal, trainee_id, "trainee_id")
        owner = trainee_id
    start, end = local_period(first, last, zone)
    items, flagged = timeline(session, [owner], start, end)
    return AgendaOut(
        owner_id=owner, first_day=first, last_day=last, timezone=zone.key, items=items,
        conflicts=flagged,
    )  # fmt: skip
