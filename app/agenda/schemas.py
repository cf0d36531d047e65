"""Payloads of the agenda, the tasks and the calendar feeds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import Meta
from pydantic import Field, StringConstraints

from app.agenda.registry import AgendaItem
from app.core.schemas import (
    MULTILINE,
    AwareDateTime,
    Day,
    Id,
    InputSchema,
    Schema,
    VersionedUpdate,
)
from app.models import TaskLinkKind

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), MULTILINE]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

# ----------------------------------------------------------------- the agenda


# A msgspec Struct, like its items (``app.core.structs``).
class AgendaOut(msgspec.Struct, gc=False):
    """The timeline of one person over a period."""

    owner_id: int
    first_day: Annotated[date, Meta(description="Premier jour de la période (inclus).")]
    last_day: Annotated[date, Meta(description="Dernier jour de la période (inclus).")]
    timezone: Annotated[str, Meta(description="Fuseau des jours de la période.")]
    items: Annotated[list[AgendaItem], Meta(description="Triés par début.")]
    conflicts: Annotated[int, Meta(description="Éléments en double réservation.")]


# ----------------------------------------------------------------- tasks


class TaskCreate(InputSchema):
    """A task is due on a day (``due_on``, all day) or at a moment (``due_at``): one of them."""

    title: Title
    notes: Notes = ""
    due_at: AwareDateTime | None = Field(default=None, description="Échéance à une heure.")
    due_on: Day | None = Field(default=None, description="Échéance sur la journée.")
    reminder_at: AwareDateTime | None = Field(
        default=None, description="Rappel, au plus tard à l'échéance."
    )
    link_kind: TaskLinkKind | None = Field(
        default=None, description="Type de la fiche liée (avec link_id)."
    )
    link_id: Id | None = Field(default=None, description="La fiche liée (avec link_kind).")


class TaskUpdate(VersionedUpdate):
    """Send ``due_at`` or ``due_on`` to move the task (the other is cleared), ``done`` to
    tick it or untick it, ``link_kind`` and ``link_id`` null to unlink it."""

    title: Title | None = None
    notes: Notes | None = None
    due_at: AwareDateTime | None = None
    due_on: Day | None = None
    reminder_at: AwareDateTime | None = None
    link_kind: TaskLinkKind | None = None
    link_id: Id | None = None
    done: bool | None = Field(default=None, description="Fait (true) ou à faire (false).")


class TaskLink(Schema):
    """The record a task is about: its kind, id and the web client's page for it (read from
    the agenda's ``AgendaLink``)."""

    kind: str
    id: int
    href: str | None = None


class TaskOut(Schema):
    id: int
    owner_id: int
    title: str
    notes: str
    due_on: date = Field(description="Jour d'échéance (local), toujours renseigné.")
    due_at: datetime | None = Field(description="Heure d'échéance ; nulle : toute la journée.")
    reminder_at: datetime | None
    done: bool
    done_at: datetime | None
    link: TaskLink | None
    created_at: datetime
    updated_at: datetime
    version: int


# ----------------------------------------------------------------- calendar feeds


class CalendarFeedCreate(InputSchema):
    label: Label = Field(
        default="Mon agenda CapVente", description="Pour reconnaître l'abonnement."
    )


class CalendarFeedOut(Schema):
    id: int
    label: str
    created_at: datetime
    revoked_at: datetime | None
    last_fetched_at: datetime | None
    active: bool


class CalendarFeedCreated(CalendarFeedOut):
    url: str = Field(
        description="L'adresse secrète du flux iCalendar, donnée une seule fois : à copier "
        "dans l'application d'agenda. Elle donne accès à l'agenda sans mot de passe."
    )
    webcal_url: str = Field(description="La même adresse en webcal:// (abonnement en un clic).")
