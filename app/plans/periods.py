"""Periods of a plan and the slices of a decomposition (months, ISO weeks)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.models import PlanPeriodKind

MONTHS = {PlanPeriodKind.MONTH: 1, PlanPeriodKind.QUARTER: 3, PlanPeriodKind.YEAR: 12}
_MONTH_KEY = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_WEEK_KEY = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$")


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def period_end(starts_on: date, kind: PlanPeriodKind) -> date:
    """The last day of a period of 1, 3 or 12 months starting on the first of a month."""
    return add_months(starts_on, MONTHS[kind]) - timedelta(days=1)


def slice_bounds(key: str, dimension: str) -> tuple[date, date] | None:
    """The first and last day of a month ("2027-01") or an ISO week ("2027-W03"); None when
    the key does not name one."""
    if dimension == "month":
        m = _MONTH_KEY.match(key)
        if not m:
            return None
        start = date(int(m[1]), int(m[2]), 1)
        return start, add_months(start, 1) - timedelta(days=1)
    if dimension == "week":
        m = _WEEK_KEY.match(key)
        if not m:
            return None
        try:
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return start, start + timedelta(days=6)
    return None


def clip(bounds: tuple[date, date], start: date, end: date) -> tuple[date, date] | None:
    lo, hi = max(bounds[0], start), min(bounds[1], end)
    return (lo, hi) if lo <= hi else None
