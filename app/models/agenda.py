"""Tasks (a trainee's to-dos) and calendar feeds (the secret URLs of their iCalendar feed).

The agenda itself has no table: it is read from every domain's records
(``app/agenda/README.md``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin
from app.models.enums import TaskLinkKind
from app.models.prospects import OwnedMixin

# A VARCHAR without a CHECK constraint: a new kind needs no migration (SQLAlchemy still
# refuses a value the enumeration does not know on write).
LinkKind = Enum(
    TaskLinkKind,
    name="link_kind",
    native_enum=False,
    create_constraint=False,
    length=40,
    values_callable=lambda e: [m.value for m in e],
    validate_strings=True,
)


class Task(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A to-do with a due date (all day) or a due moment, an optional reminder and an
    optional link to a record of the owner's (a prospect, an appointment...).

    ``due_on`` is always set: the local date of ``due_at`` for a timed task (the zone of
    ``Settings.timezone``), the due date itself for an all-day one (``due_at`` null); lists
    and the agenda read it through the index ``(owner_id, due_on)``."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_owner_id_due_on", "owner_id", "due_on", "id"),
        CheckConstraint("(link_kind IS NULL) = (link_id IS NULL)", name="link_whole"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime | None]
    reminder_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    # A link by kind and id, not a foreign key: the record may be of any domain.
    link_kind: Mapped[TaskLinkKind | None] = mapped_column(LinkKind)
    link_id: Mapped[int | None] = mapped_column(Integer)


class CalendarFeed(OwnedMixin, Base):
    """A secret URL serving its owner's agenda as iCalendar. Only the SHA-256 of the token is
    kept: the token is shown once, when the feed is created. A revoked feed answers 404."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    last_fetched_at: Mapped[datetime | None]
