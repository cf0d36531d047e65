"""Gap analysis and synthesis note (CP4, issue 19): an analysis of a trainee's period (its
figures are computed on every read, never stored), the causes of its gaps (proposed by the
diagnostic rules, confirmed, rejected or added by the trainee), the corrective actions
(accepted ones become planned actions of the next PAC and tasks), the synthesis note with its
frozen versions, the comments of the trainer or the company tutor and who read what; the
links between a company tutor and their trainees (docs/design/019-gap-analysis.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import CauseStatus, CorrectiveKind, CorrectiveStatus, NoteStatus
from app.models.prospects import OwnedMixin

# A company tutor and the trainees they follow (one tutor may follow several, a trainee may
# have several tutors: a change of company keeps the former's reading).
tutor_trainees = Table(
    "tutor_trainees",
    Base.metadata,
    Column("tutor_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("trainee_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_tutor_trainees_trainee_id", "trainee_id"),
)


class Analysis(OwnedMixin, TimestampMixin, Base):
    """A period of the trainee's activity analysed, against a plan's objectives."""

    __tablename__ = "analyses"
    __table_args__ = (Index("ix_analyses_owner_id_ends_on", "owner_id", "ends_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True
    )
    diagnosed_at: Mapped[datetime | None]


class AnalysisCause(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """A cause of a gap: a diagnostic rule's finding (``rule_code`` and ``key``: a second run
    updates its figures and keeps the trainee's decision) or the trainee's own."""

    __tablename__ = "analysis_causes"
    __table_args__ = (UniqueConstraint("analysis_id", "rule_code", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"))
    rule_code: Mapped[str | None] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(120), default="")
    title: Mapped[str] = mapped_column(String(300))
    explanation: Mapped[str] = mapped_column(Text, default="")
    criterion: Mapped[str] = mapped_column(String(16), default="CP4.2")
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    links: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[CauseStatus] = mapped_column(
        str_enum(CauseStatus, "cause_status"), default=CauseStatus.PROPOSED
    )
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None]


class CorrectiveAction(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """What the trainee will do about a cause, with its deadline, indicator and expected
    effect; once accepted, the planned action and the task it became."""

    __tablename__ = "corrective_actions"
    __table_args__ = (Index("ix_corrective_actions_analysis_id", "analysis_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"))
    cause_id: Mapped[int | None] = mapped_column(
        ForeignKey("analysis_causes.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[CorrectiveKind] = mapped_column(str_enum(CorrectiveKind, "corrective_kind"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date] = mapped_column(Date)
    indicator: Mapped[str | None] = mapped_column(String(60))
    baseline: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    expected_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    expected_effect: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal(0))
    budget: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    segment_code: Mapped[str | None] = mapped_column(String(60))
    product_family: Mapped[str | None] = mapped_column(String(60))
    discount_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    status: Mapped[CorrectiveStatus] = mapped_column(
        str_enum(CorrectiveStatus, "corrective_status"), default=CorrectiveStatus.PROPOSED
    )
    accepted_at: Mapped[datetime | None]
    plan_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_actions.id", ondelete="SET NULL")
    )
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))


class SynthesisNote(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """The trainee's synthesis note of an analysis: the draft being written; each submission
    freezes a ``NoteVersion``."""

    __tablename__ = "synthesis_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(
        ForeignKey("analyses.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[NoteStatus] = mapped_column(
        str_enum(NoteStatus, "note_status"), default=NoteStatus.DRAFT
    )
    versions_count: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime | None]


class NoteVersion(OwnedMixin, Base):
    """A submitted note, frozen: its text and the figures and charts of that moment."""

    __tablename__ = "note_versions"
    __table_args__ = (UniqueConstraint("note_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("synthesis_notes.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    charts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)


class NoteComment(OwnedMixin, Base):
    """A reader's comment on a version, anchored to a passage of its text (``quote`` and its
    offsets in the body) or on the whole note. ``owner_id`` is the note's trainee (scoping)."""

    __tablename__ = "note_comments"
    __table_args__ = (Index("ix_note_comments_version_id", "version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("note_versions.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    quote: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NoteRead(OwnedMixin, Base):
    """A reader (trainer, tutor) has read a version: the queue of notes to read is the latest
    versions without a read by the caller."""

    __tablename__ = "note_reads"
    __table_args__ = (UniqueConstraint("version_id", "reader_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("note_versions.id", ondelete="CASCADE"))
    reader_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    read_at: Mapped[datetime] = mapped_column(default=utcnow)
