"""The prospect file's part of the agenda (registered at import, ``app.providers``):

- appointments: timed items from their start for their duration; planned and held ones
  book the trainee's time (double bookings), cancelled ones are shown but book nothing;
- next-contact dates of the prospects (``prospects.next_contact_on``, anonymised records
  left out): all-day reminders, never bookings;
- the kinds of record a task may link to here: prospect, appointment, campaign.

One query per provider, on the indexes ``(owner_id, starts_at)`` of appointments and
``(owner_id, anonymised, next_contact_on)`` of prospects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import String, false, select, type_coerce
from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaItem
from app.models import Appointment, AppointmentStatus, Prospect, TaskLinkKind
from app.prospects.repository import AppointmentRepository, CampaignRepository, ProspectRepository
from app.prospects.schemas import MAX_APPOINTMENT_MINUTES

APPOINTMENT = "appointment"
NEXT_CONTACT = "next_contact"
_LONGEST = timedelta(minutes=MAX_APPOINTMENT_MINUTES)
_STATUS_FR = {
    AppointmentStatus.PLANNED.value: "prévu",
    AppointmentStatus.DONE.value: "réalisé",
    AppointmentStatus.CANCELLED.value: "annulé",
}
# Statuses are read as plain text (``type_coerce``): thousands of rows, no enum per row.
_BOOKING = frozenset({AppointmentStatus.PLANNED.value, AppointmentStatus.DONE.value})


def appointment_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    rows = registry.rows(session,
        select(
            Appointment.id, Appointment.owner_id, Appointment.prospect_id, Appointment.starts_at,
            Appointment.duration_minutes, Appointment.place,
            type_coerce(Appointment.status, String), Prospect.name,
        )
        .join(Prospect, Prospect.id == Appointment.prospect_id)
        .where(
            Appointment.owner_id.in_(owner_ids),
            # Those starting in the period, and the earlier ones still running into it.
            Appointment.starts_at >= start - _LONGEST,
            Appointment.starts_at < end,
        )
    )  # fmt: skip
    link_to = registry.linker(TaskLinkKind.APPOINTMENT)
    since = start.astimezone(UTC)  # compared with UTC values: no zone arithmetic per row
    lengths: dict[int, timedelta] = {}
    timed = registry.timed_item
    items = []
    # Rows unpacked by position: reading a Row's attributes by name costs more than the rest.
    for record_id, owner_id, prospect_id, starts_at, minutes, place, status, name in rows:
        length = lengths.get(minutes)
        if length is None:
            length = lengths[minutes] = timedelta(minutes=minutes)
        ends_at = starts_at + length
        if ends_at <= since:
            continue
        link = link_to(record_id)
        details = {"prospect_id": prospect_id, "status": status, "duration_minutes": minutes}
        ref, books = f"{APPOINTMENT}:{record_id}", status in _BOOKING
        items.append(timed(ref, APPOINTMENT, f"RDV {name}", owner_id, starts_at, ends_at, link,
                           details, place, books))  # fmt: skip
    return items


def describe_appointment(item: AgendaItem) -> str:
    details = item.details
    status = _STATUS_FR.get(details.get("status", ""), "")
    return f"Rendez-vous de {details.get('duration_minutes')} min ({status})."


def next_contact_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first_day, end_day = registry.period_days(start, end)
    day_bounds = registry.local_days(start)
    rows = registry.rows(session,
        select(
            Prospect.id, Prospect.owner_id, Prospect.name, Prospect.next_contact_on,
            type_coerce(Prospect.status, String), Prospect.city,
        ).where(
            Prospect.owner_id.in_(owner_ids),
            Prospect.anonymised == false(),
            Prospect.next_contact_on >= first_day,
            Prospect.next_contact_on < end_day,
        )
    )  # fmt: skip
    link_to = registry.linker(TaskLinkKind.PROSPECT)
    all_day = registry.all_day_item
    items = []
    for record_id, owner_id, name, day, status, city in rows:
        if day is None:  # the query keeps dated rows only; for the type checker
            continue
        link = link_to(record_id)
        items.append(all_day(f"{NEXT_CONTACT}:{record_id}", NEXT_CONTACT, f"Recontacter {name}",
                             owner_id, day, day_bounds(day), link,
                             {"status": status, "city": city}))  # fmt: skip
    return items


def describe_next_contact(item: AgendaItem) -> str:
    city = item.details.get("city")
    return "Date de prochain contact de la fiche" + (f" ({city})." if city else ".")


registry.register_provider(
    APPOINTMENT, appointment_items, label="Rendez-vous", describe=describe_appointment
)
registry.register_provider(
    NEXT_CONTACT, next_contact_items, label="Prochain contact", describe=describe_next_contact
)
registry.register_link_kind(
    TaskLinkKind.PROSPECT, "/prospects/{id}", registry.own_record(ProspectRepository)
)
registry.register_link_kind(
    TaskLinkKind.APPOINTMENT, "/agenda?rendez-vous={id}", registry.own_record(AppointmentRepository)
)
registry.register_link_kind(
    TaskLinkKind.CAMPAIGN, "/prospects/campagnes/{id}", registry.own_record(CampaignRepository)
)
