"""The demo prospect files: calendar helpers.

Paris wall-clock time to and from aware UTC datetimes (the EU summer time rule), the working
days the demo can use (Monday–Friday, not a French public holiday) and dates written in
French.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

PUBLIC_HOLIDAYS = frozenset(
    date.fromisoformat(d)
    for d in (
        "2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09",
        "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25",
        "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
        "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
    )
)  # fmt: skip
# Appointment slots, Paris time.


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware UTC datetime for a Paris wall-clock time (EU summer time rule)."""
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    offset = timedelta(hours=2 if summer else 1)
    return datetime.combine(day, time(hour, minute), tzinfo=UTC) - offset


def paris_local(moment: datetime) -> datetime:
    """The Paris wall-clock time (naive) of an aware datetime."""
    day = (moment + timedelta(hours=1)).date()
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return (moment + timedelta(hours=2 if summer else 1)).replace(tzinfo=None)


def paris_date(moment: datetime) -> date:
    return paris_local(moment).date()


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in PUBLIC_HOLIDAYS


CALENDAR = (date(2023, 1, 1), date(2027, 12, 31))  # the days the demo can use


@cache
def _calendar() -> tuple[date, ...]:
    first, last = CALENDAR
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return tuple(day for day in days if is_working_day(day))


def working_days(start: date, end: date) -> list[date]:
    """The working days (Monday–Friday, not a public holiday) from ``start`` to ``end``."""
    if start < CALENDAR[0] or end > CALENDAR[1]:
        raise ValueError(f"{start}–{end} is outside the demo calendar")
    days = _calendar()
    return list(days[bisect_left(days, start) : bisect_right(days, end)])


DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip


def day_fr(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS_FR[day.weekday()]} {number} {MONTHS_FR[day.month - 1]}"


def moment_fr(day: date, hour: int, minute: int) -> str:
    return f"{day_fr(day)} à {hour} h {minute:02d}" if minute else f"{day_fr(day)} à {hour} h"
