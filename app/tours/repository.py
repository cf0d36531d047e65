"""Queries of the tours domain: saved tours and their days, the trainee's base, emission
factors, and the prospects and appointments a tour visits (read through the prospect file's
scoped repositories)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from app.core.principal import Principal
from app.core.repository import ScopedRepository
from app.models import (
    Appointment,
    EmissionFactor,
    Prospect,
    ProspectStatus,
    Tour,
    TourBase,
    TourDay,
    TransportMode,
)
from app.prospects.repository import AppointmentRepository, ProspectRepository


class TourRepository(ScopedRepository[Tour]):
    model = Tour
    label = "Tournée"

    def listing(self, owner_id: int | None = None) -> Select[Tour]:
        """The caller's readable tours, the latest first."""
        return self.readable_statement(owner_id).order_by(Tour.first_day.desc(), Tour.id.desc())


def tours_of(session: Session, owner_id: int) -> Sequence[Tour]:
    """Every saved tour of ``owner_id``'s file, oldest first."""
    return session.scalars(select(Tour).where(Tour.owner_id == owner_id).order_by(Tour.id)).all()


# ------------------------------------------------------------------ days (mileage)


def days_of(session: Session, tour_id: int) -> Sequence[TourDay]:
    return session.scalars(
        select(TourDay).where(TourDay.tour_id == tour_id).order_by(TourDay.day_index)
    ).all()


def day_of(session: Session, tour_id: int, day_index: int) -> TourDay | None:
    return session.get(TourDay, (tour_id, day_index))


# ------------------------------------------------------------------ the trainee's base


def base_of(session: Session, user_id: int) -> TourBase | None:
    return session.get(TourBase, user_id)


# ------------------------------------------------------------------ emission factors


def factors_for(session: Session, organisation_id: int) -> Sequence[EmissionFactor]:
    """The reference factors and the organisation's own, every mode."""
    return session.scalars(
        select(EmissionFactor).where(
            or_(
                EmissionFactor.organisation_id.is_(None),
                EmissionFactor.organisation_id == organisation_id,
            )
        )
    ).all()


def own_factor(
    session: Session, organisation_id: int, mode: TransportMode
) -> EmissionFactor | None:
    return session.scalar(
        select(EmissionFactor).where(
            EmissionFactor.organisation_id == organisation_id, EmissionFactor.mode == mode
        )
    )


# ------------------------------------------------------------------ what a tour visits


def visitable_prospect(session: Session, principal: Principal, prospect_id: int) -> Prospect | None:
    """A prospect of the caller's file (not anonymised) that a tour may visit or start from."""
    return session.scalar(
        ProspectRepository(session, principal)
        .writable_statement()
        .where(Prospect.id == prospect_id, Prospect.anonymised_at.is_(None))
    )


def visitable_appointment(
    session: Session, principal: Principal, appointment_id: int
) -> Appointment | None:
    return session.scalar(
        AppointmentRepository(session, principal)
        .writable_statement()
        .where(Appointment.id == appointment_id)
    )


def prospect(session: Session, prospect_id: int) -> Prospect | None:
    """An appointment's prospect (the appointment already scoped)."""
    return session.get(Prospect, prospect_id)


def open_prospects_with_place(
    session: Session, principal: Principal, owner_id: int, statuses: Iterable[ProspectStatus]
) -> Sequence[Prospect]:
    """``owner_id``'s prospects in the caller's file with coordinates, in ``statuses``, not
    anonymised: candidates to add to a tour."""
    return session.scalars(
        ProspectRepository(session, principal)
        .writable_statement()
        .where(
            Prospect.anonymised_at.is_(None),
            Prospect.latitude.is_not(None),
            Prospect.longitude.is_not(None),
            Prospect.status.in_(tuple(statuses)),
            Prospect.owner_id == owner_id,
        )
    ).all()


def phones(session: Session, principal: Principal, ids: Iterable[int]) -> dict[int, str | None]:
    """The current phone of each readable prospect of ``ids`` (anonymised ones: none)."""
    rows = session.execute(
        ProspectRepository(session, principal)
        .readable_statement()
        .with_only_columns(Prospect.id, Prospect.phone)
        .where(Prospect.id.in_(set(ids)), Prospect.anonymised_at.is_(None))
    ).all()
    return {row.id: row.phone for row in rows}
