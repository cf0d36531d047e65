"""Training exercises and their simulated market (issue 21,
docs/design/021-exercises-simulated-market.md).

An exercise is an organisation's record (its trainers write it); each assigned trainee has a
run (their record) with its own simulated clock and seed; the run's market people are the
fictional prospects and customers of the trainee's file with their hidden attributes; the
market events are every answer the market gave and every later event it produced, with the
key of the draw that decided it (the audit that makes a run reproducible)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.common.clock import utcnow
from app.models.base import Base, TimestampMixin, VersionMixin, str_enum
from app.models.enums import ClockMode, ExerciseStatus, RunStatus
from app.models.prospects import OwnedMixin


class Exercise(TimestampMixin, VersionMixin, Base):
    __tablename__ = "exercises"
    __table_args__ = (Index("ix_exercises_organisation_id_status", "organisation_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text, default="")
    # The company the trainee sells for: read at each use, never copied (the run keeps the
    # version it started under).
    business_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_cases.id", ondelete="RESTRICT")
    )
    # The PAC template: the objectives (metric, target) the run is measured against.
    objectives: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    competences: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_on: Mapped[date | None] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer, default=20)
    clock_mode: Mapped[ClockMode] = mapped_column(
        str_enum(ClockMode, "clock_mode"), default=ClockMode.ON_REQUEST
    )
    # The market's parameters (app.market.parameters.MarketParameters, validated on write).
    market: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seed: Mapped[int] = mapped_column(BigInteger)
    # An imported market (the people of ``ImportedPerson``), else None: generated per run.
    population: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    requires_note: Mapped[bool] = mapped_column(Boolean, default=False)
    template_key: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[ExerciseStatus] = mapped_column(
        str_enum(ExerciseStatus, "exercise_status"), default=ExerciseStatus.DRAFT
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    api_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]


class ExerciseRun(OwnedMixin, TimestampMixin, VersionMixin, Base):
    """One trainee's run: created at assignment (not started), its simulated clock."""

    __tablename__ = "exercise_runs"
    __table_args__ = (
        UniqueConstraint("exercise_id", "owner_id", name="uq_exercise_runs_exercise_owner"),
        Index("ix_exercise_runs_owner_id_status", "owner_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[RunStatus] = mapped_column(
        str_enum(RunStatus, "run_status"), default=RunStatus.NOT_STARTED
    )
    seed: Mapped[int] = mapped_column(BigInteger)
    business_case_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_case_versions.id", ondelete="SET NULL")
    )
    # The simulated clock: the first day and today (set at start).
    starts_on: Mapped[date | None] = mapped_column(Date)
    today: Mapped[date | None] = mapped_column(Date)
    started_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Frozen at close (or at submission): the registry's values, attainment, evidence.
    results: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # A long advance is a job: its progress (days played / asked).
    advance_total: Mapped[int] = mapped_column(Integer, default=0)
    advance_done: Mapped[int] = mapped_column(Integer, default=0)
    # The market's people, counted once at the start (a trainer's page reads it often).
    people: Mapped[int] = mapped_column(Integer, default=0)


class MarketPerson(OwnedMixin, Base):
    """A fictional prospect or customer of a run, with its hidden attributes."""

    __tablename__ = "market_people"
    __table_args__ = (
        UniqueConstraint("run_id", "person_key", name="uq_market_people_run_key"),
        Index("ix_market_people_prospect_id", "prospect_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("exercise_runs.id", ondelete="CASCADE"))
    person_key: Mapped[str] = mapped_column(String(16))
    prospect_id: Mapped[int | None] = mapped_column(ForeignKey("prospects.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What the market remembers of this person: churned, last order day...
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class MarketEvent(OwnedMixin, Base):
    """What the market answered or did, on which simulated day, decided by which draw."""

    __tablename__ = "market_events"
    __table_args__ = (
        Index("ix_market_events_run_id_day", "run_id", "day", "id"),
        Index("ix_market_events_person_id_kind", "person_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("exercise_runs.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("market_people.id", ondelete="CASCADE")
    )
    prospect_id: Mapped[int | None] = mapped_column(ForeignKey("prospects.id", ondelete="SET NULL"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(40))
    draw_key: Mapped[str] = mapped_column(String(200))
    # The record the answer was written as ("interaction:12", "appointment:4", "order:9").
    record: Mapped[str | None] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
