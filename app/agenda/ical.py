"""The agenda as an iCalendar document (RFC 5545), written by the ``icalendar`` library.

- Every item is a VEVENT whose UID is its stable reference (``appointment-12@capvente``):
  a calendar application updates the event in place when it changes.
- Times are in UTC (``…Z``); all-day items are DATE values, DTEND the day after the last
  (exclusive, as RFC 5545 says). A task due at a moment has no DTEND (an instant).
- METHOD:PUBLISH, so DTSTAMP is the time the document was written (RFC 5545 3.8.7.2);
  SEQUENCE and LAST-MODIFIED are left out (the agenda reads no record's history).
- Bookings are OPAQUE (busy), reminders (tasks, next contacts) TRANSPARENT; a cancelled
  appointment is STATUS:CANCELLED; a task's reminder is a VALARM at its moment.
- The description is the item's French line, with its double bookings named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from app.agenda import registry
from app.agenda.registry import AgendaItem

PRODID = "-//CapVente//Agenda//FR"
#: How often a calendar application should fetch the feed again (a hint; RFC 7986).
REFRESH = timedelta(hours=1)


def uid(item: AgendaItem) -> str:
    return f"{item.ref.replace(':', '-')}@capvente"


def _description(item: AgendaItem, titles: Mapping[str, str]) -> str:
    line = registry.describe(item)
    lines = [line] if line else []
    if item.conflicts:
        others = ", ".join(titles.get(ref, ref) for ref in item.conflicts)
        lines.append(f"Double réservation avec : {others}.")
    return "\n".join(lines)


def _event(item: AgendaItem, titles: Mapping[str, str], now: datetime, base: str | None) -> Event:
    event = Event()
    event.add("uid", uid(item))
    event.add("dtstamp", now)
    done = bool(item.details.get("done"))
    event.add("summary", f"✓ {item.title}" if done else item.title)
    if item.all_day and item.day is not None:
        event.add("dtstart", item.day)
        event.add("dtend", (item.last_day or item.day) + timedelta(days=1))
    else:
        event.add("dtstart", item.start)
        if item.end > item.start:
            event.add("dtend", item.end)
    description = _description(item, titles)
    if description:
        event.add("description", description)
    if item.place:
        event.add("location", item.place)
    event.add("categories", [registry.kind_label(item.kind)])
    event.add("transp", "OPAQUE" if item.books else "TRANSPARENT")
    if item.details.get("status") == "cancelled":
        event.add("status", "CANCELLED")
    if base and item.link and item.link.href:
        event.add("url", base + item.link.href)
    reminder = item.details.get("reminder_at")
    if isinstance(reminder, datetime) and not done:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", reminder)
        event.add_component(alarm)
    return event


def calendar(
    items: Iterable[AgendaItem], *, name: str, now: datetime, base: str | None = None
) -> bytes:
    """The feed's document; ``base`` (the web client's origin) makes each item's URL."""
    items = list(items)
    titles = {item.ref: item.title for item in items}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for item in items:
        cal.add_component(_event(item, titles, now, base))
    return bytes(cal.to_ical())
