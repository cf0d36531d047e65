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
from datetime import datetime, timedelta

from sqlalchemy import false, select
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
    AppointmentStatus.PLANNED: "prévu",
    AppointmentStatus.DONE: "réalisé",
    AppointmentStatus.CANCELLED: "annulé",
}
_BOOKING = frozenset({AppointmentStatus.PLANNED, AppointmentStatus.DONE})


def appointment_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    rows = session.execute(
        select(
            Appointment.id, Appointment.owner_id, Appointment.prospect_id, Appointment.starts_at,
            Appointment.duration_minutes, Appointment.place, Appointment.status,
            Appointment.updated_at, Prospect.name,
        )
        .join(Prospect, Prospect.id == Appointment.prospect_id)
        .where(
            Appointment.owner_id.in_(owner_ids),
            # Those starting in the period, and the earlier ones still running into it.
            Appointment.starts_at >= start - _LONGEST,
            Appointment.starts_at < end,
        )
    )  # fmt: skip
    items = []
    for row in rows:
        ends_at = row.starts_at + timedelta(minutes=row.duration_minutes)
        if ends_at <= start:
            continue
        status = AppointmentStatus(row.status)
        items.append(
            AgendaItem(
                ref=f"{APPOINTMENT}:{row.id}", kind=APPOINTMENT, title=f"RDV {row.name}",
                owner_id=row.owner_id, start=row.starts_at, end=ends_at,
                link=registry.link(TaskLinkKind.APPOINTMENT, row.id),
                details={"appointment_id": row.id, "prospect_id": row.prospect_id,
                         "prospect_name": row.name, "status": status.value,
                         "duration_minutes": row.duration_minutes},
                place=row.place, books=status in _BOOKING, updated_at=row.updated_at,
                note=f"Rendez-vous avec {row.name} ({row.duration_minutes} min, "
                f"{_STATUS_FR[status]}).",
            )
        )  # fmt: skip
    return items


def next_contact_items(
    session: Session, owner_ids: Sequence[int], start: datetime, end: datetime
) -> list[AgendaItem]:
    first_day, end_day = registry.period_days(start, end)
    zone = start.tzinfo
    assert zone is not None  # the agenda's periods are local (app.agenda.registry)
    rows = session.execute(
        select(
            Prospect.id, Prospect.owner_id, Prospect.name, Prospect.next_contact_on,
            Prospect.status, Prospect.priority, Prospect.city, Prospect.updated_at,
        ).where(
            Prospect.owner_id.in_(owner_ids),
            Prospect.anonymised == false(),
            Prospect.next_contact_on >= first_day,
            Prospect.next_contact_on < end_day,
        )
    )  # fmt: skip
    items = []
    for row in rows:
        day_start, day_end = registry.all_day_bounds(row.next_contact_on, row.next_contact_on, zone)
        items.append(
            AgendaItem(
                ref=f"{NEXT_CONTACT}:{row.id}", kind=NEXT_CONTACT, title=f"Recontacter {row.name}",
                owner_id=row.owner_id, start=day_start, end=day_end, all_day=True,
                day=row.next_contact_on, last_day=row.next_contact_on,
                link=registry.link(TaskLinkKind.PROSPECT, row.id),
                details={"prospect_id": row.id, "status": str(row.status),
                         "priority": str(row.priority), "city": row.city},
                updated_at=row.updated_at,
                note=f"Date de prochain contact de la fiche {row.name}"
                + (f" ({row.city})." if row.city else "."),
            )
        )  # fmt: skip
    return items


registry.register_provider(APPOINTMENT, appointment_items, label="Rendez-vous")
registry.register_provider(NEXT_CONTACT, next_contact_items, label="Prochain contact")
registry.register_link_kind(
    TaskLinkKind.PROSPECT, "/prospects/{id}", registry.own_record(ProspectRepository)
)
registry.register_link_kind(
    TaskLinkKind.APPOINTMENT, "/agenda?rendez-vous={id}", registry.own_record(AppointmentRepository)
)
registry.register_link_kind(
    TaskLinkKind.CAMPAIGN, "/prospects/campagnes/{id}", registry.own_record(CampaignRepository)
)
