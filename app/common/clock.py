"""One source of "now", always timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def today_in(zone: str) -> date:
    """Today's date in a time zone (``Settings.timezone``: Europe/Paris)."""
    return datetime.now(ZoneInfo(zone)).date()
